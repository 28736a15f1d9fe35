import type { Construct } from "constructs";
import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { S3BucketCorsConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-cors-configuration";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { LIMITS, NO_OVERWRITE_HEADER, UPLOADS_PREFIX, bucketCorsRules } from "../../functions/shared/contract";
import { PrivateBucket } from "./private-bucket";

export interface PhotosBucketProps {
  /** Globally unique bucket name. */
  readonly bucketName: string;
  /** Web origins allowed to PUT to presigned URLs (CORS). */
  readonly allowedOrigins: readonly string[];
  /** Days a deleted or replaced version stays restorable (the undo window). */
  readonly noncurrentVersionExpiryDays: number;
  /** Keep the bucket when the stack is destroyed while it still holds photos. @default false */
  readonly retainOnDestroy?: boolean;
  /** Days after which an unfinished multipart upload is aborted. @default 1 */
  readonly abortIncompleteUploadDays?: number;
}

/**
 * The private photos bucket (see PrivateBucket): versioned, so a deleted photo's objects stay
 * restorable for `noncurrentVersionExpiryDays`, with CORS for browser PUTs.
 * Its policy lives with the CDN (PhotosCdn), which needs the distribution ARN in the same document;
 * the bucket's own rules come from `uploadRuleStatements`.
 */
export class PhotosBucket extends PrivateBucket {
  constructor(scope: Construct, id: string, props: PhotosBucketProps) {
    const retainOnDestroy = props.retainOnDestroy ?? false;
    const abortIncompleteUploadDays = props.abortIncompleteUploadDays ?? 1;
    super(scope, id, { bucketName: props.bucketName, forceDestroy: !retainOnDestroy });
    const bucket = this.bucket.id;

    const versioning = new S3BucketVersioningA(this, "versioning", { bucket, versioningConfiguration: { status: "Enabled" } });
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
        {
          id: "expire-noncurrent-versions",
          status: "Enabled",
          filter: [{ prefix: "" }],
          noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionExpiryDays }],
        },
        {
          // A deletion leaves a delete marker; once its versions have expired, the marker goes too.
          id: "remove-expired-delete-markers",
          status: "Enabled",
          filter: [{ prefix: "" }],
          expiration: [{ expiredObjectDeleteMarker: true }],
        },
      ],
      // S3 refuses noncurrent-version rules on a bucket whose versioning is not yet on.
      dependsOn: [versioning],
    });
  }

  /**
   * Upload rules S3 enforces whatever the code signs: a PUT under uploads/ is refused when its
   * signature is older than a presigned URL may live, or when it lacks `If-None-Match: *` (so S3
   * refuses a second PUT to a key).
   * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html and
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes-enforce.html
   */
  uploadRuleStatements(): DataAwsIamPolicyDocumentStatement[] {
    const uploads = [`${this.bucket.arn}/${UPLOADS_PREFIX}*`];
    const everyone = [{ type: "*", identifiers: ["*"] }];
    return [
      {
        sid: "DenyUploadsWithStaleSignatures",
        effect: "Deny",
        principals: everyone,
        actions: ["s3:PutObject"],
        resources: uploads,
        condition: [{ test: "NumericGreaterThan", variable: "s3:signatureAge", values: [String(LIMITS.presignExpiresSeconds * 1000)] }],
      },
      {
        sid: "DenyUploadsThatMayOverwrite",
        effect: "Deny",
        principals: everyone,
        actions: ["s3:PutObject"],
        resources: uploads,
        condition: [{ test: "Null", variable: `s3:${NO_OVERWRITE_HEADER.name.toLowerCase()}`, values: ["true"] }],
      },
    ];
  }
}
