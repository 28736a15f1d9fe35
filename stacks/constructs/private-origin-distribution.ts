import type { Construct } from "constructs";
import { CloudfrontCachePolicy } from "@cdktf/provider-aws/lib/cloudfront-cache-policy";
import { CloudfrontDistribution, type CloudfrontDistributionDefaultCacheBehaviorFunctionAssociation } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { CloudfrontOriginAccessControl } from "@cdktf/provider-aws/lib/cloudfront-origin-access-control";
import { CloudfrontResponseHeadersPolicy } from "@cdktf/provider-aws/lib/cloudfront-response-headers-policy";
import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import type { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { WEB_SECURITY_HEADERS } from "../../functions/shared/contract";

export interface PrivateOriginDistributionProps {
  /** The private bucket CloudFront reads, with signed requests. */
  readonly bucket: S3Bucket;
  /** Prefix of resource names, e.g. `event-photos-dev`. */
  readonly namePrefix: string;
  /** Names the origin access control (`<prefix>-<name>`), the headers policy and the origin: "photos", "web". */
  readonly name: string;
  /** What the distribution serves, for descriptions: "photos", "web app". */
  readonly serves: string;
  /** The cache policy: resource id, name, comment and TTLs in seconds. */
  readonly cache: { readonly id: string; readonly name: string; readonly comment: string; readonly minTtl: number; readonly defaultTtl: number; readonly maxTtl: number };
  readonly viewerProtocolPolicy: "https-only" | "redirect-to-https";
  readonly defaultRootObject?: string;
  readonly functionAssociation?: readonly CloudfrontDistributionDefaultCacheBehaviorFunctionAssociation[];
  /** CloudFront price class. @default "PriceClass_100" (North America and Europe edges) */
  readonly priceClass?: string;
  /** Standard access logs into this bucket under `prefix`. @default no access logs */
  readonly accessLogs?: { readonly bucket: S3Bucket; readonly prefix: string };
  /** ARN of the AWS WAF web ACL (CLOUDFRONT scope) in front of the distribution. @default no WAF */
  readonly webAclArn?: string;
}

/**
 * A CloudFront distribution in front of one private bucket, as both the photos CDN and the web app
 * use it (DESIGN section 3): origin access control, a cache policy keyed on the path only, GET and
 * HEAD only, and the security headers (HSTS, nosniff, no referrer, no framing) on every response.
 * Declared in `scope`, so each caller's resource addresses stay its own.
 */
export function privateOriginDistribution(scope: Construct, props: PrivateOriginDistributionProps): CloudfrontDistribution {
  const name = `${props.namePrefix}-${props.name}`;
  const originId = `${props.name}-bucket`;
  const accessControl = new CloudfrontOriginAccessControl(scope, "origin-access-control", {
    name,
    description: `CloudFront reads the private ${props.serves} bucket with signed requests`,
    originAccessControlOriginType: "s3",
    signingBehavior: "always",
    signingProtocol: "sigv4",
  });
  const { id: cachePolicyResourceId, ...cache } = props.cache;
  const cachePolicy = new CloudfrontCachePolicy(scope, cachePolicyResourceId, {
    ...cache,
    parametersInCacheKeyAndForwardedToOrigin: {
      cookiesConfig: { cookieBehavior: "none" },
      headersConfig: { headerBehavior: "none" },
      queryStringsConfig: { queryStringBehavior: "none" },
      enableAcceptEncodingBrotli: true,
      enableAcceptEncodingGzip: true,
    },
  });
  const headersPolicy = new CloudfrontResponseHeadersPolicy(scope, "security-headers", {
    name: `${name}-security-headers`,
    comment: `HSTS, nosniff, no referrer and no framing on every ${props.serves} response`,
    securityHeadersConfig: {
      strictTransportSecurity: { accessControlMaxAgeSec: WEB_SECURITY_HEADERS.hstsMaxAgeSeconds, includeSubdomains: true, override: true },
      contentTypeOptions: { override: true },
      referrerPolicy: { referrerPolicy: WEB_SECURITY_HEADERS.referrerPolicy, override: true },
      frameOptions: { frameOption: WEB_SECURITY_HEADERS.frameOptions, override: true },
    },
  });

  return new CloudfrontDistribution(scope, "distribution", {
    enabled: true,
    isIpv6Enabled: true,
    comment: `${props.namePrefix} ${props.serves}`,
    priceClass: props.priceClass ?? "PriceClass_100",
    defaultRootObject: props.defaultRootObject,
    origin: [{ originId, domainName: props.bucket.bucketRegionalDomainName, originAccessControlId: accessControl.id }],
    defaultCacheBehavior: {
      targetOriginId: originId,
      allowedMethods: ["GET", "HEAD"],
      cachedMethods: ["GET", "HEAD"],
      viewerProtocolPolicy: props.viewerProtocolPolicy,
      cachePolicyId: cachePolicy.id,
      responseHeadersPolicyId: headersPolicy.id,
      compress: true,
      functionAssociation: props.functionAssociation ? [...props.functionAssociation] : undefined,
    },
    loggingConfig: props.accessLogs ? { bucket: props.accessLogs.bucket.bucketDomainName, prefix: props.accessLogs.prefix, includeCookies: false } : undefined,
    webAclId: props.webAclArn,
    restrictions: { geoRestriction: { restrictionType: "none" } },
    // With the default *.cloudfront.net certificate AWS applies its own TLSv1 security policy
    // whatever minimum_protocol_version says (Terraform accepts the value). Enforcing TLS 1.2
    // for viewers takes an alias with an ACM certificate (ssl_support_method "sni-only").
    viewerCertificate: { cloudfrontDefaultCertificate: true, minimumProtocolVersion: "TLSv1.2_2021" },
  });
}

/** Ids of the bucket policy of a distribution's bucket, declared next to the distribution. */
export const BUCKET_POLICY_IDS = { document: "bucket-policy-document", policy: "bucket-policy" } as const;

/** A bucket policy statement letting `distribution` (and nothing else of CloudFront) call `actions` on `resources`. */
export function distributionMay(sid: string, distribution: CloudfrontDistribution, actions: string[], resources: string[]): DataAwsIamPolicyDocumentStatement {
  return {
    sid,
    effect: "Allow",
    principals: [{ type: "Service", identifiers: ["cloudfront.amazonaws.com"] }],
    actions,
    resources,
    condition: [{ test: "StringEquals", variable: "AWS:SourceArn", values: [distribution.arn] }],
  };
}
