import { Construct } from "constructs";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";

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
 * subclass or its neighbour, because a bucket has one policy document and it names the readers;
 * start it with `denyInsecureTransport`.
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

/** The bucket-policy statement that refuses every request to the bucket or its objects not made over TLS. */
export function denyInsecureTransport(bucket: S3Bucket): DataAwsIamPolicyDocumentStatement {
  return {
    sid: "DenyInsecureTransport",
    effect: "Deny",
    principals: [{ type: "*", identifiers: ["*"] }],
    actions: ["s3:*"],
    resources: [bucket.arn, `${bucket.arn}/*`],
    condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
  };
}
