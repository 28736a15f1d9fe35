import { Construct } from "constructs";
import { CloudfrontOriginAccessControl } from "@cdktf/provider-aws/lib/cloudfront-origin-access-control";
import { CloudfrontCachePolicy } from "@cdktf/provider-aws/lib/cloudfront-cache-policy";
import { CloudfrontDistribution } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { CloudfrontResponseHeadersPolicy } from "@cdktf/provider-aws/lib/cloudfront-response-headers-policy";
import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import type { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { PHOTO_CACHE_MAX_AGE_SECONDS, PHOTOS_PREFIX } from "../../functions/shared/contract";
import { denyInsecureTransport } from "./private-bucket";

export interface PhotosCdnProps {
  /** The private bucket CloudFront reads the photos from. */
  readonly bucket: S3Bucket;
  /** Prefix of resource names, e.g. `event-photos-dev`. */
  readonly namePrefix: string;
  /** CloudFront price class. @default "PriceClass_100" (North America and Europe edges) */
  readonly priceClass?: string;
  /** Bucket that receives CloudFront's standard access logs (under `photos-cdn/`). @default no access logs */
  readonly accessLogsBucket?: S3Bucket;
  /** ARN of the AWS WAF web ACL (CLOUDFRONT scope) in front of the distribution. @default no WAF */
  readonly webAclArn?: string;
  /** Further statements of the bucket's one policy document (its own rules). @default none */
  readonly bucketPolicyStatements?: readonly DataAwsIamPolicyDocumentStatement[];
}

/** HSTS lifetime: a year, the value browsers' preload lists ask for. */
const HSTS_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/**
 * CloudFront in front of the photos bucket through origin access control, with security headers
 * on every response, and the bucket's one policy document: TLS-only access for everyone, read of
 * the published `photos/` for this distribution only (never the unchecked originals), plus the
 * bucket's own rules.
 */
export class PhotosCdn extends Construct {
  readonly distribution: CloudfrontDistribution;

  constructor(scope: Construct, id: string, props: PhotosCdnProps) {
    super(scope, id);
    const priceClass = props.priceClass ?? "PriceClass_100";
    const originId = "photos-bucket";

    const accessControl = new CloudfrontOriginAccessControl(this, "origin-access-control", {
      name: `${props.namePrefix}-photos`,
      description: "CloudFront reads the private photos bucket with signed requests",
      originAccessControlOriginType: "s3",
      signingBehavior: "always",
      signingProtocol: "sigv4",
    });
    const cachePolicy = new CloudfrontCachePolicy(this, "immutable-cache-policy", {
      name: `${props.namePrefix}-immutable-photos`,
      comment: "Photo keys are immutable: cache for a year, key on the path only",
      minTtl: PHOTO_CACHE_MAX_AGE_SECONDS,
      defaultTtl: PHOTO_CACHE_MAX_AGE_SECONDS,
      maxTtl: PHOTO_CACHE_MAX_AGE_SECONDS,
      parametersInCacheKeyAndForwardedToOrigin: {
        cookiesConfig: { cookieBehavior: "none" },
        headersConfig: { headerBehavior: "none" },
        queryStringsConfig: { queryStringBehavior: "none" },
        enableAcceptEncodingBrotli: true,
        enableAcceptEncodingGzip: true,
      },
    });

    // Images only, never a page: no referrer is needed, none may frame them, no type is sniffed.
    const headersPolicy = new CloudfrontResponseHeadersPolicy(this, "security-headers", {
      name: `${props.namePrefix}-photos-security-headers`,
      comment: "HSTS, nosniff, no referrer, no framing on every photo response",
      securityHeadersConfig: {
        strictTransportSecurity: { accessControlMaxAgeSec: HSTS_MAX_AGE_SECONDS, includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: "no-referrer", override: true },
        frameOptions: { frameOption: "DENY", override: true },
      },
    });

    this.distribution = new CloudfrontDistribution(this, "distribution", {
      enabled: true,
      isIpv6Enabled: true,
      comment: `${props.namePrefix} photos`,
      priceClass,
      origin: [
        {
          originId,
          domainName: props.bucket.bucketRegionalDomainName,
          originAccessControlId: accessControl.id,
        },
      ],
      defaultCacheBehavior: {
        targetOriginId: originId,
        allowedMethods: ["GET", "HEAD"],
        cachedMethods: ["GET", "HEAD"],
        viewerProtocolPolicy: "https-only",
        cachePolicyId: cachePolicy.id,
        responseHeadersPolicyId: headersPolicy.id,
        compress: true,
      },
      loggingConfig: props.accessLogsBucket ? { bucket: props.accessLogsBucket.bucketDomainName, prefix: "photos-cdn/", includeCookies: false } : undefined,
      webAclId: props.webAclArn,
      restrictions: { geoRestriction: { restrictionType: "none" } },
      // With the default *.cloudfront.net certificate AWS applies its own TLSv1 security policy
      // whatever minimum_protocol_version says (Terraform accepts the value). Enforcing TLS 1.2
      // for viewers takes an alias with an ACM certificate (ssl_support_method "sni-only").
      viewerCertificate: { cloudfrontDefaultCertificate: true, minimumProtocolVersion: "TLSv1.2_2021" },
    });

    const bucketArn = props.bucket.arn;
    const policy = new DataAwsIamPolicyDocument(this, "bucket-policy-document", {
      statement: [
        denyInsecureTransport(props.bucket),
        ...(props.bucketPolicyStatements ?? []),
        {
          sid: "AllowCloudFrontReadOfPhotos",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["cloudfront.amazonaws.com"] }],
          actions: ["s3:GetObject"],
          resources: [`${bucketArn}/${PHOTOS_PREFIX}*`],
          condition: [{ test: "StringEquals", variable: "AWS:SourceArn", values: [this.distribution.arn] }],
        },
      ],
    });
    new S3BucketPolicy(this, "bucket-policy", { bucket: props.bucket.id, policy: policy.json });
  }
}
