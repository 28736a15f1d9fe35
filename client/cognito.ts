/**
 * Cognito sign-in as an app does it: `InitiateAuth` with USER_PASSWORD_AUTH (and REFRESH_TOKEN_AUTH),
 * a public client with no secret. These calls need no AWS signature, so plain `fetch` against
 * Cognito's JSON protocol does it without the SDK: the web app stays small, and cognito-local
 * speaks the same protocol.
 */
import { ClientError } from "./errors";

export interface CognitoEndpoint {
  /** The pool's region; the endpoint is `https://cognito-idp.<region>.amazonaws.com/`. */
  readonly region: string;
  /** A Cognito-compatible endpoint such as cognito-local. @default the real Cognito of `region` */
  readonly cognitoEndpoint?: string;
  readonly clientId: string;
}

export interface LoginOptions extends CognitoEndpoint {
  readonly username: string;
  readonly password: string;
}

export interface Tokens {
  readonly idToken: string;
  readonly accessToken: string;
  /** Absent after a refresh: Cognito keeps the old one valid. */
  readonly refreshToken?: string;
  /** When the ID and access tokens expire, epoch milliseconds. */
  readonly expiresAt: number;
}

interface AuthenticationResult {
  readonly IdToken?: string;
  readonly AccessToken?: string;
  readonly RefreshToken?: string;
  readonly ExpiresIn?: number;
}

/** Logs in with USER_PASSWORD_AUTH. */
export async function login(options: LoginOptions): Promise<Tokens> {
  return initiateAuth(options, "USER_PASSWORD_AUTH", { USERNAME: options.username, PASSWORD: options.password }, options.username);
}

/** New ID and access tokens from a refresh token. */
export async function refreshTokens(endpoint: CognitoEndpoint, refreshToken: string): Promise<Tokens> {
  return initiateAuth(endpoint, "REFRESH_TOKEN_AUTH", { REFRESH_TOKEN: refreshToken }, "the session");
}

async function initiateAuth(endpoint: CognitoEndpoint, flow: string, parameters: Record<string, string>, who: string): Promise<Tokens> {
  const url = endpoint.cognitoEndpoint ?? `https://cognito-idp.${endpoint.region}.amazonaws.com/`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSCognitoIdentityProviderService.InitiateAuth" },
      body: JSON.stringify({ AuthFlow: flow, ClientId: endpoint.clientId, AuthParameters: parameters }),
    });
  } catch (error) {
    const reason = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new ClientError("login", `cannot reach Cognito at ${url} (${reason}); check the endpoint and your network`, { cause: error });
  }
  const body = (await response.json().catch(() => ({}))) as {
    AuthenticationResult?: AuthenticationResult;
    ChallengeName?: string;
    __type?: string;
    message?: string;
  };
  if (!response.ok) {
    // `__type` is the exception name, sometimes prefixed with its namespace (`...#NotAuthorizedException`).
    const code = body.__type?.split("#").pop() ?? `HTTP ${response.status}`;
    throw new ClientError("login", `sign-in of ${who} failed: ${body.message ?? code}`, { code, status: response.status });
  }
  const result = body.AuthenticationResult;
  if (!result?.IdToken || !result.AccessToken) {
    throw new ClientError(
      "login",
      `Cognito answered ${body.ChallengeName ?? "no token"} for ${who}; complete the challenge or use a confirmed user with a permanent password`,
      { code: body.ChallengeName },
    );
  }
  return {
    idToken: result.IdToken,
    accessToken: result.AccessToken,
    refreshToken: result.RefreshToken,
    expiresAt: Date.now() + (result.ExpiresIn ?? 3600) * 1000,
  };
}
