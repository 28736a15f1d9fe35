import type { Construct } from "constructs";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { PrivateBucket, tlsOnlyBucketPolicy } from "./private-bucket";

export interface AccessLogsBucketProps {
  /** Globally unique bucket name. */
  readonly bucketName: string;
  /** Days a log file is kept. */
  readonly retentionDays: number;
  /** Keep the bucket when the stack is destroyed while it still holds logs. @default false */
  readonly retainOnDestroy?: boolean;
}

/**
 * The bucket CloudFront writes its standard access logs to: private and TLS-only like every bucket
 * here, but with ACLs kept on, because CloudFront's standard logging grants its log-delivery
 * account write access through the bucket ACL; logs expire after `retentionDays`.
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging-legacy-s3.html
 */
export class AccessLogsBucket extends PrivateBucket {
  constructor(scope: Construct, id: string, props: AccessLogsBucketProps) {
    super(scope, id, { bucketName: props.bucketName, forceDestroy: !(props.retainOnDestroy ?? false), objectOwnership: "BucketOwnerPreferred" });
    const bucket = this.bucket.id;

    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket,
      rule: [{ id: "expire-logs", status: "Enabled", filter: [{ prefix: "" }], expiration: [{ days: props.retentionDays }] }],
    });
    tlsOnlyBucketPolicy(this, this.bucket);
  }
}
