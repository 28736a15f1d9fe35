/**
 * Checks JWTs the way API Gateway's JWT authorizer does, with jose: an RS256 signature by a key of
 * the issuer's JWKS (fetched over http from cognito-local, refetched when a token names a new kid),
 * `iss`, `exp`, `nbf`, and `aud` (ID token) or `client_id` (access token); `Bearer ` optional.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
 */
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { LocalStackError } from "./errors";

export type JwtClaims = Readonly<Record<string, unknown>>;

export interface JwtRules {
  /** The exact `iss` the token must carry. */
  readonly issuer: string;
  /** The app client id: the ID token's `aud` or the access token's `client_id`. */
  readonly clientId: string;
}

/** Verifies `authorization` (a JWT, with or without `Bearer `) against `keys`; returns its claims. */
export async function verifyJwt(authorization: string, keys: JWTVerifyGetKey, rules: JwtRules, now: Date = new Date()): Promise<JwtClaims> {
  const token = authorization.trim().replace(/^Bearer\s+/i, "");
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keys, { issuer: rules.issuer, algorithms: ["RS256"], requiredClaims: ["exp"], currentDate: now }));
  } catch (error) {
    throw new LocalStackError(`token refused: ${error instanceof errors.JOSEError ? error.message : String(error)}`, { cause: error });
  }
  // jose checks `aud` only when asked; an access token has none and names its client in `client_id`.
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!audiences.includes(rules.clientId) && payload.client_id !== rules.clientId) {
    throw new LocalStackError(`token refused: aud/client_id is ${String(payload.aud ?? payload.client_id)}; expected ${rules.clientId}`);
  }
  return payload;
}

export interface JwtAuthorizerOptions extends JwtRules {
  /** The issuer's JWKS, e.g. `${issuer}/.well-known/jwks.json`. */
  readonly jwksUri: string;
  /** @default the system clock */
  readonly now?: () => Date;
}

export interface JwtAuthorizer {
  /** Returns the claims of a valid token; throws LocalStackError otherwise (also when it is missing). */
  authorize(authorization: string | undefined): Promise<JwtClaims>;
}

export function createJwtAuthorizer(options: JwtAuthorizerOptions): JwtAuthorizer {
  // No cooldown: a key rotation shows up as an unknown kid, and loopback fetches cost nothing.
  const keys = createRemoteJWKSet(new URL(options.jwksUri), { cooldownDuration: 0 });
  return {
    async authorize(authorization) {
      if (!authorization?.trim()) throw new LocalStackError("no Authorization header");
      return verifyJwt(authorization, keys, options, options.now?.() ?? new Date());
    },
  };
}
