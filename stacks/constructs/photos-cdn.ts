import { Construct } from "constructs";
import type { CloudfrontDistribution } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import type { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { PHOTO_CACHE_MAX_AGE_SECONDS, PHOTOS_PREFIX } from "../../functions/shared/contract";
import { tlsOnlyBucketPolicy } from "./private-bucket";
import { BUCKET_POLICY_IDS, distributionMay, privateOriginDistribution } from "./private-origin-distribution";

export interface PhotosCdnProps {
  /** The private bucket CloudFront reads the photos from. */
  readonly bucket: S3Bucket;
  /** Prefix of resource names, e.g. `event-photos-dev`. */
  readonly namePrefix: string;
  /** CloudFront price class. @default "PriceClass_100" (North America and Europe edges) */
  readonly priceClass?: string;
  /** Bucket that receives CloudFront's standard access logs (under `photos-cdn/`). @default no access logs */
  readonly accessLogsBucket?: S3Bucket;
  /** ARN of the AWS WAF web ACL (CLOUDFRONT scope) in front of the distribution. @default no WAF */
  readonly webAclArn?: string;
  /** Further statements of the bucket's one policy document (its own rules). @default none */
  readonly bucketPolicyStatements?: readonly DataAwsIamPolicyDocumentStatement[];
}

/**
 * CloudFront in front of the photos bucket (privateOriginDistribution), and the bucket's one policy
 * document: TLS-only access for everyone, read of the published `photos/` for this distribution
 * only (never the unchecked originals), plus the bucket's own rules.
 */
export class PhotosCdn extends Construct {
  readonly distribution: CloudfrontDistribution;

  constructor(scope: Construct, id: string, props: PhotosCdnProps) {
    super(scope, id);
    this.distribution = privateOriginDistribution(this, {
      bucket: props.bucket,
      namePrefix: props.namePrefix,
      name: "photos",
      serves: "photos",
      cache: {
        id: "immutable-cache-policy",
        name: `${props.namePrefix}-immutable-photos`,
        comment: "Photo keys are immutable: cache for a year, key on the path only",
        minTtl: PHOTO_CACHE_MAX_AGE_SECONDS,
        defaultTtl: PHOTO_CACHE_MAX_AGE_SECONDS,
        maxTtl: PHOTO_CACHE_MAX_AGE_SECONDS,
      },
      viewerProtocolPolicy: "https-only",
      priceClass: props.priceClass,
      accessLogs: props.accessLogsBucket ? { bucket: props.accessLogsBucket, prefix: "photos-cdn/" } : undefined,
      webAclArn: props.webAclArn,
    });

    tlsOnlyBucketPolicy(
      this,
      props.bucket,
      [...(props.bucketPolicyStatements ?? []), distributionMay("AllowCloudFrontReadOfPhotos", this.distribution, ["s3:GetObject"], [`${props.bucket.arn}/${PHOTOS_PREFIX}*`])],
      BUCKET_POLICY_IDS,
    );
  }
}
