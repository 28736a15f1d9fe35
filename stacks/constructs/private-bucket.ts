import { Construct } from "constructs";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";

export interface PrivateBucketProps {
  /** Globally unique bucket name. */
  readonly bucketName: string;
  /** Let `terraform destroy` delete the bucket while it still holds objects. @default unset (Terraform's false) */
  readonly forceDestroy?: boolean;
  /** Refuse every plan that deletes the bucket. @default false */
  readonly preventDestroy?: boolean;
  /** Use an S3 Bucket Key for default encryption. @default unset (S3's default: off) */
  readonly bucketKeyEnabled?: boolean;
  /**
   * `BucketOwnerPreferred` keeps ACLs working (the bucket owner still owns every object): only for
   * a bucket that a service writes through ACLs, such as CloudFront's standard logs.
   * @default "BucketOwnerEnforced" (ACLs disabled)
   */
  readonly objectOwnership?: "BucketOwnerEnforced" | "BucketOwnerPreferred";
}

/**
 * An S3 bucket nobody can make public: every public access block on, ACLs disabled unless asked
 * (the bucket owner owns every object), encrypted at rest (SSE-S3). The bucket's policy is left to the
 * subclass or its neighbour, because a bucket has one policy document and it names the readers:
 * declare it with `tlsOnlyBucketPolicy`.
 *
 * Subclasses add their own resources in the same scope, so the resource addresses stay
 * `<id>_bucket`, `<id>_public-access-block`, `<id>_ownership` and `<id>_encryption`.
 */
export class PrivateBucket extends Construct {
  readonly bucket: S3Bucket;

  constructor(scope: Construct, id: string, props: PrivateBucketProps) {
    super(scope, id);
    const preventDestroy = props.preventDestroy ?? false;
    const objectOwnership = props.objectOwnership ?? "BucketOwnerEnforced";

    this.bucket = new S3Bucket(this, "bucket", {
      bucket: props.bucketName,
      forceDestroy: props.forceDestroy,
      lifecycle: preventDestroy ? { preventDestroy } : undefined,
    });
    const bucket = this.bucket.id;

    new S3BucketPublicAccessBlock(this, "public-access-block", {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, "ownership", { bucket, rule: { objectOwnership } });
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: props.bucketKeyEnabled }],
    });
  }
}

/** Resource ids of a bucket policy and its document, in the scope that declares them. */
export interface BucketPolicyIds {
  readonly document: string;
  readonly policy: string;
}

/**
 * A bucket's one policy: first the statement that refuses every request to the bucket or its
 * objects not made over TLS, then `statements` (the bucket's readers and rules).
 */
export function tlsOnlyBucketPolicy(
  scope: Construct,
  bucket: S3Bucket,
  statements: readonly DataAwsIamPolicyDocumentStatement[] = [],
  ids: BucketPolicyIds = { document: "tls-only", policy: "policy" },
): S3BucketPolicy {
  const denyInsecureTransport: DataAwsIamPolicyDocumentStatement = {
    sid: "DenyInsecureTransport",
    effect: "Deny",
    principals: [{ type: "*", identifiers: ["*"] }],
    actions: ["s3:*"],
    resources: [bucket.arn, `${bucket.arn}/*`],
    condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
  };
  const document = new DataAwsIamPolicyDocument(scope, ids.document, { statement: [denyInsecureTransport, ...statements] });
  return new S3BucketPolicy(scope, ids.policy, { bucket: bucket.id, policy: document.json });
}
