import { Construct } from "constructs";
import { Fn } from "cdktf";
import { CloudfrontCachePolicy } from "@cdktf/provider-aws/lib/cloudfront-cache-policy";
import { CloudfrontDistribution } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { CloudfrontFunction } from "@cdktf/provider-aws/lib/cloudfront-function";
import { CloudfrontKeyValueStore } from "@cdktf/provider-aws/lib/cloudfront-key-value-store";
import { CloudfrontOriginAccessControl } from "@cdktf/provider-aws/lib/cloudfront-origin-access-control";
import { CloudfrontResponseHeadersPolicy } from "@cdktf/provider-aws/lib/cloudfront-response-headers-policy";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { SPA_FALLBACK_FUNCTION, WEB_SECURITY_HEADERS } from "../../functions/shared/contract";
import { PrivateBucket, denyInsecureTransport } from "./private-bucket";

export interface WebHostingProps {
  /** Globally unique name of the app's bucket. */
  readonly bucketName: string;
  /** Prefix of resource names, e.g. `event-photos-dev`. */
  readonly namePrefix: string;
  /** CloudFront price class. @default "PriceClass_100" (North America and Europe edges) */
  readonly priceClass?: string;
}

/** The key of the CSP in the key value store; the web stack writes its value. */
export const CSP_KEY = "content-security-policy";

/**
 * Served until the web stack has written the real policy: nothing may load, so a half-deployed
 * stage shows a blank page rather than an app without its policy.
 */
const LOCKED_DOWN_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * The app's private bucket behind its own CloudFront distribution (origin access control, index.html
 * as the root, the SPA fallback per path as a viewer-request function) with HSTS, nosniff, the
 * referrer policy and frame denial from a response headers policy.
 *
 * The Content-Security-Policy names the API's origin, which exists only once the api stack is
 * applied, while the API's CORS needs this distribution's origin first. So the distribution reads
 * the CSP at the edge from a key value store declared here, which the web stack fills with the
 * policy computed from every stage output (contract/web.ts, the one the local stack sends).
 */
export class WebHosting extends Construct {
  readonly bucket: PrivateBucket["bucket"];
  readonly distribution: CloudfrontDistribution;
  readonly keyValueStore: CloudfrontKeyValueStore;

  constructor(scope: Construct, id: string, props: WebHostingProps) {
    super(scope, id);
    const priceClass = props.priceClass ?? "PriceClass_100";
    const originId = "web-bucket";

    // Terraform may delete it with its objects: every file is rebuilt from the repository.
    this.bucket = new PrivateBucket(this, "bucket", { bucketName: props.bucketName, forceDestroy: true }).bucket;
    const accessControl = new CloudfrontOriginAccessControl(this, "origin-access-control", {
      name: `${props.namePrefix}-web`,
      description: "CloudFront reads the private web app bucket with signed requests",
      originAccessControlOriginType: "s3",
      signingBehavior: "always",
      signingProtocol: "sigv4",
    });
    // Honours each object's Cache-Control: a year for hashed assets, revalidation for index.html and config.json.
    const cachePolicy = new CloudfrontCachePolicy(this, "cache-policy", {
      name: `${props.namePrefix}-web`,
      comment: "The web app: TTLs from the objects' Cache-Control, keyed on the path only",
      minTtl: 0,
      defaultTtl: 86_400,
      maxTtl: 31_536_000,
      parametersInCacheKeyAndForwardedToOrigin: {
        cookiesConfig: { cookieBehavior: "none" },
        headersConfig: { headerBehavior: "none" },
        queryStringsConfig: { queryStringBehavior: "none" },
        enableAcceptEncodingBrotli: true,
        enableAcceptEncodingGzip: true,
      },
    });
    const headers = new CloudfrontResponseHeadersPolicy(this, "security-headers", {
      name: `${props.namePrefix}-web-security-headers`,
      comment: "HSTS, nosniff, referrer policy and frame denial for the web app; the CSP comes from the key value store",
      securityHeadersConfig: {
        strictTransportSecurity: { accessControlMaxAgeSec: WEB_SECURITY_HEADERS.hstsMaxAgeSeconds, includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: WEB_SECURITY_HEADERS.referrerPolicy, override: true },
        frameOptions: { frameOption: WEB_SECURITY_HEADERS.frameOptions, override: true },
      },
    });
    this.keyValueStore = new CloudfrontKeyValueStore(this, "settings", {
      name: `${props.namePrefix}-web`,
      comment: "Values the web app's edge functions read, written by the web stack",
    });
    const fallback = new CloudfrontFunction(this, "spa-fallback", {
      name: `${props.namePrefix}-web-spa-fallback`,
      comment: "Paths without a file extension are pages of the app: serve index.html",
      runtime: "cloudfront-js-2.0",
      publish: true,
      code: SPA_FALLBACK_FUNCTION,
    });
    const csp = new CloudfrontFunction(this, "content-security-policy", {
      name: `${props.namePrefix}-web-csp`,
      comment: "Adds the Content-Security-Policy the web stack wrote to the key value store",
      runtime: "cloudfront-js-2.0",
      publish: true,
      keyValueStoreAssociations: [this.keyValueStore.arn],
      // The store's id is the last part of its ARN (the resource's `id` is its name).
      code: contentSecurityPolicyFunction(Fn.element(Fn.split("/", this.keyValueStore.arn), 1)),
    });

    this.distribution = new CloudfrontDistribution(this, "distribution", {
      enabled: true,
      isIpv6Enabled: true,
      comment: `${props.namePrefix} web app`,
      priceClass,
      defaultRootObject: "index.html",
      origin: [{ originId, domainName: this.bucket.bucketRegionalDomainName, originAccessControlId: accessControl.id }],
      defaultCacheBehavior: {
        targetOriginId: originId,
        allowedMethods: ["GET", "HEAD"],
        cachedMethods: ["GET", "HEAD"],
        viewerProtocolPolicy: "redirect-to-https",
        cachePolicyId: cachePolicy.id,
        responseHeadersPolicyId: headers.id,
        compress: true,
        functionAssociation: [
          { eventType: "viewer-request", functionArn: fallback.arn },
          { eventType: "viewer-response", functionArn: csp.arn },
        ],
      },
      restrictions: { geoRestriction: { restrictionType: "none" } },
      // See PhotosCdn: with the default certificate AWS applies its own policy; an alias with ACM enforces TLS 1.2.
      viewerCertificate: { cloudfrontDefaultCertificate: true, minimumProtocolVersion: "TLSv1.2_2021" },
    });

    const bucketArn = this.bucket.arn;
    const reader = [{ test: "StringEquals", variable: "AWS:SourceArn", values: [this.distribution.arn] }];
    const policy = new DataAwsIamPolicyDocument(this, "bucket-policy-document", {
      statement: [
        denyInsecureTransport(this.bucket),
        { sid: "AllowCloudFrontRead", effect: "Allow", principals: [{ type: "Service", identifiers: ["cloudfront.amazonaws.com"] }], actions: ["s3:GetObject"], resources: [`${bucketArn}/*`], condition: reader },
        // Without ListBucket S3 answers 403 for a missing key; with it, a missing file is a 404.
        { sid: "AllowCloudFrontList", effect: "Allow", principals: [{ type: "Service", identifiers: ["cloudfront.amazonaws.com"] }], actions: ["s3:ListBucket"], resources: [bucketArn], condition: reader },
      ],
    });
    new S3BucketPolicy(this, "bucket-policy", { bucket: this.bucket.id, policy: policy.json });
  }
}

/** The viewer-response function: the CSP from the store, or a lock-down policy while there is none. */
export function contentSecurityPolicyFunction(keyValueStoreId: string): string {
  return `import cf from "cloudfront";
const store = cf.kvs("${keyValueStoreId}");
async function handler(event) {
  var response = event.response;
  var policy = ${JSON.stringify(LOCKED_DOWN_CSP)};
  try {
    policy = await store.get(${JSON.stringify(CSP_KEY)});
  } catch (missing) {}
  response.headers["content-security-policy"] = { value: policy };
  return response;
}
`;
}
