import type { Construct } from "constructs";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { PrivateBucket, tlsOnlyBucketPolicy } from "./private-bucket";

export interface BootstrapStateBucketProps {
  /** The bucket's name (globally unique). */
  readonly bucketName: string;
}

/**
 * The bucket that holds every stage's Terraform state: private (see PrivateBucket), versioned (a bad
 * state write can be rolled back to the previous version), reachable over TLS only, and protected
 * from `terraform destroy`.
 */
export class BootstrapStateBucket extends PrivateBucket {
  constructor(scope: Construct, id: string, props: BootstrapStateBucketProps) {
    super(scope, id, {
      bucketName: props.bucketName,
      // Losing the state bucket orphans every stage's resources: refuse to plan its deletion.
      preventDestroy: true,
      bucketKeyEnabled: true,
    });
    const bucket = this.bucket.id;

    new S3BucketVersioningA(this, "versioning", {
      bucket,
      versioningConfiguration: { status: "Enabled" },
    });
    tlsOnlyBucketPolicy(this, this.bucket);
  }
}
