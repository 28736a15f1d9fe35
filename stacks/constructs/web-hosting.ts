import { Construct } from "constructs";
import { Fn } from "cdktf";
import type { CloudfrontDistribution } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { CloudfrontFunction } from "@cdktf/provider-aws/lib/cloudfront-function";
import { CloudfrontKeyValueStore } from "@cdktf/provider-aws/lib/cloudfront-key-value-store";
import type { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { SPA_FALLBACK_FUNCTION } from "../../functions/shared/contract";
import { PrivateBucket, tlsOnlyBucketPolicy } from "./private-bucket";
import { BUCKET_POLICY_IDS, distributionMay, privateOriginDistribution } from "./private-origin-distribution";

export interface WebHostingProps {
  /** Globally unique name of the app's bucket. */
  readonly bucketName: string;
  /** Prefix of resource names, e.g. `event-photos-dev`. */
  readonly namePrefix: string;
  /** CloudFront price class. @default "PriceClass_100" (North America and Europe edges) */
  readonly priceClass?: string;
  /** Bucket that receives CloudFront's standard access logs (under `web-cdn/`). @default no access logs */
  readonly accessLogsBucket?: S3Bucket;
  /** ARN of the AWS WAF web ACL (CLOUDFRONT scope) in front of the distribution. @default no WAF */
  readonly webAclArn?: string;
}

/** The key of the CSP in the key value store; the web stack writes its value. */
export const CSP_KEY = "content-security-policy";

/**
 * Served until the web stack has written the real policy: nothing may load, so a half-deployed
 * stage shows a blank page rather than an app without its policy.
 */
const LOCKED_DOWN_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * The app's private bucket behind its own CloudFront distribution (privateOriginDistribution, with
 * index.html as the root and the SPA fallback per path as a viewer-request function).
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

    // Terraform may delete it with its objects: every file is rebuilt from the repository.
    this.bucket = new PrivateBucket(this, "bucket", { bucketName: props.bucketName, forceDestroy: true }).bucket;
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

    this.distribution = privateOriginDistribution(this, {
      bucket: this.bucket,
      namePrefix: props.namePrefix,
      name: "web",
      serves: "web app",
      // Honours each object's Cache-Control: a year for hashed assets, revalidation for index.html and config.json.
      cache: { id: "cache-policy", name: `${props.namePrefix}-web`, comment: "The web app: TTLs from the objects' Cache-Control, keyed on the path only", minTtl: 0, defaultTtl: 86_400, maxTtl: 31_536_000 },
      viewerProtocolPolicy: "redirect-to-https",
      defaultRootObject: "index.html",
      functionAssociation: [
        { eventType: "viewer-request", functionArn: fallback.arn },
        { eventType: "viewer-response", functionArn: csp.arn },
      ],
      priceClass: props.priceClass,
      accessLogs: props.accessLogsBucket ? { bucket: props.accessLogsBucket, prefix: "web-cdn/" } : undefined,
      webAclArn: props.webAclArn,
    });

    const bucketArn = this.bucket.arn;
    tlsOnlyBucketPolicy(
      this,
      this.bucket,
      [
        distributionMay("AllowCloudFrontRead", this.distribution, ["s3:GetObject"], [`${bucketArn}/*`]),
        // Without ListBucket S3 answers 403 for a missing key; with it, a missing file is a 404.
        distributionMay("AllowCloudFrontList", this.distribution, ["s3:ListBucket"], [bucketArn]),
      ],
      BUCKET_POLICY_IDS,
    );
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
