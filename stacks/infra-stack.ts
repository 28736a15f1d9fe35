import type { Construct } from "constructs";
import { TerraformOutput, TerraformStack } from "cdktf";
import type { StageConfig } from "./config";
import { declareAwsProvider, namePrefix } from "./aws-provider";
import { declareBackend } from "./backend";
import { PhotosBucket } from "./constructs/photos-bucket";
import { PhotosCdn } from "./constructs/photos-cdn";
import { PhotosTable } from "./constructs/photos-table";
import { UserDirectory } from "./constructs/user-directory";
import { STAGE_OUTPUTS, stageStackNames } from "./names";

/** What the api stack reads from the infra stack (cdktf turns each into a remote state output). */
export interface InfraExports {
  readonly bucketName: string;
  readonly tableName: string;
  readonly tableArn: string;
  readonly photosDomainName: string;
  readonly photosDistributionId: string;
  readonly photosDistributionArn: string;
  readonly userPoolId: string;
  readonly userPoolArn: string;
  readonly userPoolClientId: string;
}

/** The stateful half of a stage: photos bucket and CDN, table, user pool. Changes rarely. */
export class InfraStack extends TerraformStack {
  readonly exports: InfraExports;

  constructor(scope: Construct, stage: StageConfig) {
    const name = stageStackNames(stage.stage).infra;
    super(scope, name);
    declareAwsProvider(this, stage);
    declareBackend(this, name, stage.stateBackend);
    const prefix = namePrefix(stage);

    const { bucket } = new PhotosBucket(this, "photos-bucket", {
      bucketName: stage.bucketName,
      allowedOrigins: stage.allowedOrigins,
      retainOnDestroy: stage.production,
    });
    const { distribution } = new PhotosCdn(this, "photos-cdn", { bucket, namePrefix: prefix });
    const { table } = new PhotosTable(this, "photos-table", {
      tableName: `${prefix}-photos`,
      deletionProtection: stage.production,
    });
    const { userPool, client } = new UserDirectory(this, "users", {
      namePrefix: prefix,
      deletionProtection: stage.production,
    });

    this.exports = {
      bucketName: bucket.bucket,
      tableName: table.name,
      tableArn: table.arn,
      photosDomainName: distribution.domainName,
      photosDistributionId: distribution.id,
      photosDistributionArn: distribution.arn,
      userPoolId: userPool.id,
      userPoolArn: userPool.arn,
      userPoolClientId: client.id,
    };
    // For people and CI (`cdktf output`); the api stack reads its own cross-stack outputs.
    new TerraformOutput(this, STAGE_OUTPUTS.infra.photosBaseUrl, { value: `https://${distribution.domainName}` });
    new TerraformOutput(this, STAGE_OUTPUTS.infra.userPoolId, { value: userPool.id });
    new TerraformOutput(this, STAGE_OUTPUTS.infra.userPoolClientId, { value: client.id });
  }
}
