import type { Construct } from "constructs";
import { TerraformOutput, TerraformStack } from "cdktf";
import type { StageConfig } from "./config";
import { declareAwsProvider, declareUsEast1Provider, namePrefix } from "./aws-provider";
import { declareBackend } from "./backend";
import { AccessLogsBucket } from "./constructs/access-logs-bucket";
import { CdnWaf } from "./constructs/cdn-waf";
import { PhotosBucket } from "./constructs/photos-bucket";
import { PhotosCdn } from "./constructs/photos-cdn";
import { PhotosTable } from "./constructs/photos-table";
import { UserDirectory } from "./constructs/user-directory";
import { WebHosting } from "./constructs/web-hosting";
import { STAGE_OUTPUTS, stageStackNames, webBucketName } from "./names";

/** What the api stack reads from the infra stack (cdktf turns each into a remote state output). */
export interface InfraExports {
  readonly bucketName: string;
  readonly tableName: string;
  readonly tableArn: string;
  readonly photosDomainName: string;
  /** The photos distribution, for CloudFront invalidations. */
  readonly photosDistributionId: string;
  readonly photosDistributionArn: string;
  readonly userPoolId: string;
  readonly userPoolArn: string;
  readonly userPoolClientId: string;
  /** The web app's origin (`https://<distribution>`), allowed by the API's and the bucket's CORS. */
  readonly webOrigin: string;
  readonly webBucketName: string;
  /** Where the web stack writes the app's Content-Security-Policy. */
  readonly webKeyValueStoreArn: string;
  /** The photos bucket's regional S3 endpoint host, where presigned PUTs go. */
  readonly bucketRegionalDomainName: string;
}

/** The stateful half of a stage: photos bucket and CDN (with its WAF and logs), table, user pool, the web app's hosting. Changes rarely. */
export class InfraStack extends TerraformStack {
  readonly exports: InfraExports;

  constructor(scope: Construct, stage: StageConfig) {
    const name = stageStackNames(stage.stage).infra;
    super(scope, name);
    declareAwsProvider(this, stage);
    declareBackend(this, name, stage);
    const prefix = namePrefix(stage);

    const accessLogs = stage.accessLogsBucketName
      ? new AccessLogsBucket(this, "access-logs", { bucketName: stage.accessLogsBucketName, retentionDays: stage.logRetentionDays, retainOnDestroy: stage.production })
      : undefined;
    // Declared only when the stage has a WAF (one web ACL for both distributions): a provider for
    // us-east-1 is otherwise dead weight.
    const waf = stage.wafRateLimit
      ? new CdnWaf(this, "photos-cdn-waf", { namePrefix: prefix, provider: declareUsEast1Provider(this, stage), rateLimit: stage.wafRateLimit })
      : undefined;
    // Before the photos bucket: the app's origin joins the stage's allowed origins, so nobody copies the domain by hand.
    const web = new WebHosting(this, "web", {
      bucketName: webBucketName(stage.stage, stage.region),
      namePrefix: prefix,
      accessLogsBucket: accessLogs?.bucket,
      webAclArn: waf?.webAcl.arn,
    });
    const webOrigin = `https://${web.distribution.domainName}`;
    const photos = new PhotosBucket(this, "photos-bucket", {
      bucketName: stage.bucketName,
      allowedOrigins: [...stage.allowedOrigins, webOrigin],
      noncurrentVersionExpiryDays: stage.noncurrentVersionExpiryDays,
      retainOnDestroy: stage.production,
    });
    const { distribution } = new PhotosCdn(this, "photos-cdn", {
      bucket: photos.bucket,
      namePrefix: prefix,
      accessLogsBucket: accessLogs?.bucket,
      webAclArn: waf?.webAcl.arn,
      bucketPolicyStatements: photos.uploadRuleStatements(),
    });
    const { table } = new PhotosTable(this, "photos-table", {
      tableName: `${prefix}-photos`,
      deletionProtection: stage.production,
    });
    const { userPool, client } = new UserDirectory(this, "users", {
      namePrefix: prefix,
      deletionProtection: stage.production,
      selfSignUp: stage.selfSignUp,
      mfa: stage.mfa,
    });

    this.exports = {
      bucketName: photos.bucket.bucket,
      tableName: table.name,
      tableArn: table.arn,
      photosDomainName: distribution.domainName,
      photosDistributionId: distribution.id,
      photosDistributionArn: distribution.arn,
      userPoolId: userPool.id,
      userPoolArn: userPool.arn,
      userPoolClientId: client.id,
      webOrigin,
      webBucketName: web.bucket.bucket,
      webKeyValueStoreArn: web.keyValueStore.arn,
      bucketRegionalDomainName: photos.bucket.bucketRegionalDomainName,
    };
    // For people and CI (`cdktf output`); the api stack reads its own cross-stack outputs.
    new TerraformOutput(this, STAGE_OUTPUTS.infra.photosBaseUrl, { value: `https://${distribution.domainName}` });
    new TerraformOutput(this, STAGE_OUTPUTS.infra.userPoolId, { value: userPool.id });
    new TerraformOutput(this, STAGE_OUTPUTS.infra.userPoolClientId, { value: client.id });
    new TerraformOutput(this, STAGE_OUTPUTS.infra.webUrl, { value: webOrigin });
  }
}
