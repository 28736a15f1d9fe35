import { Construct } from "constructs";
import { CloudfrontOriginAccessControl } from "@cdktf/provider-aws/lib/cloudfront-origin-access-control";
import { CloudfrontCachePolicy } from "@cdktf/provider-aws/lib/cloudfront-cache-policy";
import { CloudfrontDistribution } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import type { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { PHOTO_CACHE_MAX_AGE_SECONDS, UPLOADS_PREFIX } from "../../functions/shared/contract";
import { denyInsecureTransport } from "./private-bucket";

export interface PhotosCdnProps {
  /** The private bucket CloudFront reads the photos from. */
  readonly bucket: S3Bucket;
  /** Prefix of resource names, e.g. `event-photos-dev`. */
  readonly namePrefix: string;
  /** CloudFront price class. @default "PriceClass_100" (North America and Europe edges) */
  readonly priceClass?: string;
}

/**
 * CloudFront in front of the photos bucket through origin access control, and the bucket's one
 * policy document: TLS-only access for everyone, read of `uploads/` for this distribution only.
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
        compress: true,
      },
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
        {
          sid: "AllowCloudFrontReadOfUploads",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["cloudfront.amazonaws.com"] }],
          actions: ["s3:GetObject"],
          resources: [`${bucketArn}/${UPLOADS_PREFIX}*`],
          condition: [{ test: "StringEquals", variable: "AWS:SourceArn", values: [this.distribution.arn] }],
        },
      ],
    });
    new S3BucketPolicy(this, "bucket-policy", { bucket: props.bucket.id, policy: policy.json });
  }
}
