import { Construct } from "constructs";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketCorsConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-cors-configuration";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { bucketCorsRules } from "../../functions/shared/contract";

export interface PhotosBucketProps {
  /** Globally unique bucket name. */
  readonly bucketName: string;
  /** Web origins allowed to PUT to presigned URLs (CORS). */
  readonly allowedOrigins: readonly string[];
  /** Keep the bucket when the stack is destroyed while it still holds photos. @default false */
  readonly retainOnDestroy?: boolean;
  /** Days after which an unfinished multipart upload is aborted. @default 1 */
  readonly abortIncompleteUploadDays?: number;
}

/**
 * The private photos bucket: no public access, no ACLs, encrypted at rest, CORS for browser PUTs.
 * Its policy lives with the CDN (PhotosCdn), which needs the distribution ARN in the same document.
 */
export class PhotosBucket extends Construct {
  readonly bucket: S3Bucket;

  constructor(scope: Construct, id: string, props: PhotosBucketProps) {
    super(scope, id);
    const retainOnDestroy = props.retainOnDestroy ?? false;
    const abortIncompleteUploadDays = props.abortIncompleteUploadDays ?? 1;

    this.bucket = new S3Bucket(this, "bucket", { bucket: props.bucketName, forceDestroy: !retainOnDestroy });
    const bucket = this.bucket.id;

    new S3BucketPublicAccessBlock(this, "public-access-block", {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, "ownership", { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } });
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    });
    new S3BucketCorsConfiguration(this, "cors", {
      bucket,
      corsRule: bucketCorsRules(props.allowedOrigins).map((rule) => ({
        allowedMethods: rule.allowedMethods,
        allowedOrigins: rule.allowedOrigins,
        allowedHeaders: rule.allowedHeaders,
        exposeHeaders: rule.exposeHeaders,
        maxAgeSeconds: rule.maxAgeSeconds,
      })),
    });
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket,
      rule: [
        {
          id: "abort-incomplete-multipart-uploads",
          status: "Enabled",
          filter: [{ prefix: "" }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: abortIncompleteUploadDays }],
        },
      ],
    });
  }
}
