import type { Construct } from "constructs";
import { S3BucketCorsConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-cors-configuration";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { bucketCorsRules } from "../../functions/shared/contract";
import { PrivateBucket } from "./private-bucket";

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
 * The private photos bucket (see PrivateBucket) with CORS for browser PUTs.
 * Its policy lives with the CDN (PhotosCdn), which needs the distribution ARN in the same document.
 */
export class PhotosBucket extends PrivateBucket {
  constructor(scope: Construct, id: string, props: PhotosBucketProps) {
    const retainOnDestroy = props.retainOnDestroy ?? false;
    const abortIncompleteUploadDays = props.abortIncompleteUploadDays ?? 1;
    super(scope, id, { bucketName: props.bucketName, forceDestroy: !retainOnDestroy });
    const bucket = this.bucket.id;

    new S3BucketCorsConfiguration(this, "cors", {
      bucket,
      corsRule: bucketCorsRules(props.allowedOrigins),
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
