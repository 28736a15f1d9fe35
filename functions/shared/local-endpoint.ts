/**
 * SDK client settings for the local emulators. When an endpoint is set, region and credentials are
 * fixed too: s3rver accepts only its built-in key pair (dynalite accepts any), and fixed values keep
 * a developer's AWS profile (and the slow instance-metadata lookup) out of local runs.
 */
export const EMULATOR_CLIENT_CONFIG = {
  region: "us-east-1",
  credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
} as const;

export function localClientConfig(endpoint: string | undefined) {
  if (endpoint === undefined) return {};
  return { endpoint, ...EMULATOR_CLIENT_CONFIG };
}
