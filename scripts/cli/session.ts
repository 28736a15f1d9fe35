/**
 * Signing in for the command-line clients (upload, organizer): endpoints and credentials from
 * options, then environment variables, then the local stack's stack file, so the same command works
 * against `npm start` with no options and against a deployed stage with all of them.
 */
import { join } from "node:path";
import { createApiClient, type ApiClient } from "../../client/api";
import { login } from "../../client/cognito";
import { ClientError } from "../../client/errors";
// Not local-stack.ts: importing it would load the emulators and the handlers just for a default path.
import { DEFAULT_DATA_DIR, readRunningStack, STACK_FILE_NAME, type StackFile } from "../local/stack-file";

export const DEFAULT_STACK_FILE = join(DEFAULT_DATA_DIR, STACK_FILE_NAME);

/** The options every command takes (for node:util parseArgs). */
export const SESSION_OPTIONS = {
  "stack-file": { type: "string" },
  "api-url": { type: "string" },
  region: { type: "string" },
  "cognito-endpoint": { type: "string" },
  "client-id": { type: "string" },
  username: { type: "string" },
  password: { type: "string" },
} as const;

export type SessionValues = { readonly [K in keyof typeof SESSION_OPTIONS]?: string };

/** Help lines for SESSION_OPTIONS; `envPrefix` names the command's own user variables (UPLOAD_USERNAME, ...). */
export function sessionHelp(envPrefix: string, defaultUser: string): string {
  return `  --stack-file <path>       [env PHOTOS_STACK_FILE, default ${DEFAULT_STACK_FILE}]
  --api-url <url>           API base URL [env PHOTOS_API_URL]
  --region <region>         Cognito region [env AWS_REGION, default us-east-1]
  --cognito-endpoint <url>  Cognito-compatible endpoint; leave unset for real Cognito [env COGNITO_ENDPOINT]
  --client-id <id>          app client id [env COGNITO_CLIENT_ID]
  --username <email>        [env ${envPrefix}_USERNAME, default: ${defaultUser}]
  --password <text>         [env ${envPrefix}_PASSWORD]`;
}

/** A required value, or a usage error naming it. */
export function required(value: string | undefined, what: string, command: string): string {
  if (value === undefined || value.trim() === "") throw new ClientError("usage", `${what} is missing; see npm run ${command} -- --help`);
  return value;
}

export interface SessionRequest {
  readonly values: SessionValues;
  /** The command, for usage messages (`upload`, `organizer`). */
  readonly command: string;
  /** The prefix of the command's user variables. */
  readonly envPrefix: string;
  /** The stack-file user to sign in as when none is given. */
  readonly defaultUser: (stack: StackFile) => StackFile["users"][number] | undefined;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Signs in and returns an API client for the user's ID token. */
export async function openSession(request: SessionRequest): Promise<{ readonly api: ApiClient; readonly username: string }> {
  const { values, command, envPrefix } = request;
  const env = request.env ?? process.env;
  const given = {
    apiUrl: values["api-url"] ?? env.PHOTOS_API_URL,
    cognitoEndpoint: values["cognito-endpoint"] ?? env.COGNITO_ENDPOINT,
    clientId: values["client-id"] ?? env.COGNITO_CLIENT_ID,
    username: values.username ?? env[`${envPrefix}_USERNAME`],
    password: values.password ?? env[`${envPrefix}_PASSWORD`],
  };
  const needsStackFile = !given.apiUrl || !given.clientId || !given.username || !given.password;
  const stack = needsStackFile ? await readRunningStack(values["stack-file"] ?? env.PHOTOS_STACK_FILE ?? DEFAULT_STACK_FILE) : undefined;
  const username = given.username ?? (stack && request.defaultUser(stack))?.username;
  const password = given.password ?? stack?.users.find((user) => user.username === username)?.password;
  const tokens = await login({
    region: values.region ?? env.AWS_REGION ?? "us-east-1",
    cognitoEndpoint: given.cognitoEndpoint ?? stack?.auth.cognitoEndpoint,
    clientId: required(given.clientId ?? stack?.auth.clientId, "--client-id", command),
    username: required(username, "--username", command),
    password: required(password, "--password", command),
  });
  return {
    api: createApiClient({ apiUrl: required(given.apiUrl ?? stack?.apiUrl, "--api-url", command), token: () => tokens.idToken }),
    username: username as string,
  };
}
