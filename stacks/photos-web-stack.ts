import type { Construct } from "constructs";
import { AssetType, Fn, TerraformAsset, TerraformOutput, TerraformStack } from "cdktf";
import { CloudfrontkeyvaluestoreKey } from "@cdktf/provider-aws/lib/cloudfrontkeyvaluestore-key";
import { S3Object } from "@cdktf/provider-aws/lib/s3-object";
import { WEB_CONFIG_FILE, cognitoOrigin, contentSecurityPolicy, type WebConfig } from "../functions/shared/contract";
import { CACHE_CONTROL, WEB_FILES_DIR, WEB_OUT_DIR, type WebManifest } from "../packaging/web-manifest";
import type { StageConfig } from "./config";
import { declareAwsProvider } from "./aws-provider";
import { declareBackend } from "./backend";
import { CSP_KEY } from "./constructs/web-hosting";
import type { InfraExports } from "./infra-stack";
import { STAGE_OUTPUTS, stageStackNames } from "./names";

export interface PhotosWebStackProps {
  readonly stage: StageConfig;
  /** Values of the stage's infra stack (cross-stack references). */
  readonly infra: InfraExports;
  /** The HTTP API's base URL, from the api stack. */
  readonly apiUrl: string;
  /** The built app, from dist/web/manifest.json. */
  readonly files: WebManifest;
  /** The directory dist/web/files/ is below (the repository root). */
  readonly webRoot: string;
}

/**
 * The web app of a stage: one S3 object per built file, each an asset named by its SHA-256 and
 * updated only when that hash changes (so a change to the app plans as the changed files only),
 * config.json written from the stage's outputs, and the app's Content-Security-Policy in the
 * distribution's key value store, naming exactly the API, Cognito, CDN and bucket origins.
 */
export class PhotosWebStack extends TerraformStack {
  constructor(scope: Construct, props: PhotosWebStackProps) {
    const { stage, infra } = props;
    const name = stageStackNames(stage.stage).web;
    super(scope, name);
    declareAwsProvider(this, stage);
    declareBackend(this, name, stage);

    for (const [path, file] of Object.entries(props.files)) {
      const id = `file-${path.replace(/[^A-Za-z0-9-]/g, "-")}`;
      const asset = new TerraformAsset(this, `${id}-asset`, {
        path: `${props.webRoot}/${WEB_OUT_DIR}/${WEB_FILES_DIR}/${path}`,
        type: AssetType.FILE,
        assetHash: file.sha256,
      });
      new S3Object(this, id, {
        bucket: infra.webBucketName,
        key: path,
        source: asset.path,
        sourceHash: file.sha256,
        contentType: file.contentType,
        cacheControl: file.cacheControl,
      });
    }

    const photosOrigin = `https://${infra.photosDomainName}`;
    const config: WebConfig = {
      apiUrl: props.apiUrl,
      region: stage.region,
      userPoolId: infra.userPoolId,
      clientId: infra.userPoolClientId,
      photosOrigin,
    };
    new S3Object(this, "config", {
      bucket: infra.webBucketName,
      key: WEB_CONFIG_FILE,
      content: Fn.jsonencode(config),
      contentType: "application/json",
      cacheControl: CACHE_CONTROL.revalidate,
    });
    new CloudfrontkeyvaluestoreKey(this, "content-security-policy", {
      keyValueStoreArn: infra.webKeyValueStoreArn,
      key: CSP_KEY,
      value: contentSecurityPolicy({
        api: props.apiUrl,
        cognito: cognitoOrigin(stage.region),
        photos: photosOrigin,
        uploads: `https://${infra.bucketRegionalDomainName}`,
      }),
    });
    new TerraformOutput(this, STAGE_OUTPUTS.web.webConfig, { value: config });
  }
}
