/**
 * Where the smoke test finds the deployed stage: environment variables, or the JSON file that
 * `cdktf deploy --outputs-file` writes (stack name -> output name -> value). Pure: the caller
 * passes the environment and a file reader.
 */
import { resolveStage } from "../../stacks/config";
import { STAGE_OUTPUTS, stageStackNames } from "../../stacks/names";
import { SmokeError } from "./smoke-error";

/** The environment variables the smoke test reads. */
export const SMOKE_ENV = {
  apiUrl: "SMOKE_API_URL",
  region: "SMOKE_REGION",
  clientId: "SMOKE_CLIENT_ID",
  cognitoEndpoint: "SMOKE_COGNITO_ENDPOINT",
  username: "SMOKE_USERNAME",
  password: "SMOKE_PASSWORD",
  eventId: "SMOKE_EVENT_ID",
  outputsFile: "SMOKE_OUTPUTS_FILE",
  stage: "SMOKE_STAGE",
} as const;

/** Values the deploy workflow takes from repository (or environment) variables; the password is a secret. */
export const SMOKE_REPOSITORY_VARIABLES: readonly string[] = [SMOKE_ENV.username, SMOKE_ENV.eventId];

export interface SmokeConfig {
  readonly apiUrl: string;
  readonly region: string;
  readonly clientId: string;
  /** Only for the local stack: the Cognito-compatible endpoint. Unset in AWS. */
  readonly cognitoEndpoint: string | undefined;
  readonly username: string;
  readonly password: string;
  readonly eventId: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Reads the config; an outputs file (with its stage) supplies the API URL, client id and region. */
export function resolveSmokeConfig(env: Env, readFile: (path: string) => string): SmokeConfig {
  const optional = (name: string) => env[name]?.trim() || undefined;
  const required = (name: string, what: string) => {
    const value = optional(name);
    if (value === undefined) throw new SmokeError(undefined, `${name} is not set; set it to ${what}`);
    return value;
  };
  const outputsFile = optional(SMOKE_ENV.outputsFile);
  const deployed = outputsFile
    ? fromOutputsFile(outputsFile, required(SMOKE_ENV.stage, "the stage the outputs file belongs to, e.g. dev"), readFile)
    : undefined;

  const from = (name: string, what: string, fallback: string | undefined) => optional(name) ?? fallback ?? required(name, what);
  return {
    apiUrl: from(SMOKE_ENV.apiUrl, `the API's base URL (or set ${SMOKE_ENV.outputsFile})`, deployed?.apiUrl),
    clientId: from(SMOKE_ENV.clientId, `the Cognito app client id (or set ${SMOKE_ENV.outputsFile})`, deployed?.clientId),
    region: from(SMOKE_ENV.region, `the stage's AWS region (or set ${SMOKE_ENV.outputsFile})`, deployed?.region),
    cognitoEndpoint: optional(SMOKE_ENV.cognitoEndpoint),
    username: required(SMOKE_ENV.username, "the test user's username (an attendee of the event)"),
    password: required(SMOKE_ENV.password, "the test user's password"),
    eventId: required(SMOKE_ENV.eventId, "an event the test user attends"),
  };
}

function fromOutputsFile(path: string, stageName: string, readFile: (path: string) => string) {
  const stage = resolveStage(stageName);
  let outputs: unknown;
  try {
    outputs = JSON.parse(readFile(path));
  } catch (error) {
    throw new SmokeError(undefined, `${SMOKE_ENV.outputsFile} ${path} is not readable JSON; pass the file \`cdktf deploy --outputs-file\` wrote`, {
      cause: error,
    });
  }
  const output = (stack: string, name: string): string => {
    const value = (outputs as Record<string, Record<string, unknown> | undefined>)[stack]?.[name];
    if (typeof value !== "string" || value === "") {
      throw new SmokeError(undefined, `${path} has no output \`${name}\` of stack ${stack}; deploy ${stack} with --outputs-file ${path}`);
    }
    return value;
  };
  const { infra, api } = stageStackNames(stage.stage);
  const userPoolId = output(infra, STAGE_OUTPUTS.infra.userPoolId);
  return {
    apiUrl: output(api, STAGE_OUTPUTS.api.apiUrl),
    clientId: output(infra, STAGE_OUTPUTS.infra.userPoolClientId),
    // A user pool id is `<region>_<id>`: the pool's region, which is where the client logs in.
    region: userPoolId.split("_")[0] ?? stage.region,
  };
}
