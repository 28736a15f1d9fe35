/**
 * Checks JWTs the way API Gateway's JWT authorizer does: RS256 signature by a key of the issuer's
 * JWKS, `iss`, `aud` (ID token) or `client_id` (access token), `exp` and `nbf`; `Bearer ` optional.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
 * Hand-rolled on node:crypto because cognito-local serves its JWKS over plain http, which
 * aws-jwt-verify refuses.
 */
import { createPublicKey, verify, type JsonWebKey, type KeyObject } from "node:crypto";
import { InvalidTokenError, UnknownKeyError } from "./errors";

export type JwtClaims = Readonly<Record<string, unknown>>;

export interface Jwk extends JsonWebKey {
  readonly kid?: string;
}

export interface JwtRules {
  /** The exact `iss` the token must carry. */
  readonly issuer: string;
  /** The app client id: the ID token's `aud` or the access token's `client_id`. */
  readonly clientId: string;
}

/** Verifies `token` (with or without `Bearer `) against `keys` by kid; returns its claims. */
export function verifyJwt(token: string, keys: ReadonlyMap<string, KeyObject>, rules: JwtRules, nowSeconds: number): JwtClaims {
  const { header, claims, signedPart, signature } = decodeJwt(token);
  if (header.alg !== "RS256") throw new InvalidTokenError(`token alg is ${String(header.alg)}; only RS256 is accepted`);
  const key = typeof header.kid === "string" ? keys.get(header.kid) : undefined;
  if (!key) throw new UnknownKeyError(`token kid ${String(header.kid)} is not in the issuer's JWKS`);
  if (!verify("RSA-SHA256", Buffer.from(signedPart), key, signature)) {
    throw new InvalidTokenError("token signature does not match the issuer's key");
  }
  if (claims.iss !== rules.issuer) {
    throw new InvalidTokenError(`token iss is ${String(claims.iss)}; expected ${rules.issuer}`);
  }
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(rules.clientId) && claims.client_id !== rules.clientId) {
    throw new InvalidTokenError(`token aud/client_id is ${String(claims.aud ?? claims.client_id)}; expected ${rules.clientId}`);
  }
  if (typeof claims.exp !== "number" || claims.exp <= nowSeconds) {
    throw new InvalidTokenError(`token exp ${String(claims.exp)} is not after now (${nowSeconds})`);
  }
  if (typeof claims.nbf === "number" && claims.nbf > nowSeconds) {
    throw new InvalidTokenError(`token nbf ${claims.nbf} is after now (${nowSeconds})`);
  }
  return claims;
}

function decodeJwt(token: string) {
  const compact = token.trim().replace(/^Bearer\s+/i, "");
  const parts = compact.split(".");
  if (parts.length !== 3) throw new InvalidTokenError(`token has ${parts.length} dot-separated parts; a JWT has 3`);
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  return {
    header: decodeJson(headerPart, "header"),
    claims: decodeJson(payloadPart, "payload"),
    signedPart: `${headerPart}.${payloadPart}`,
    signature: Buffer.from(signaturePart, "base64url"),
  };
}

function decodeJson(part: string, what: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch (error) {
    throw new InvalidTokenError(`token ${what} is not base64url JSON`, { cause: error });
  }
  throw new InvalidTokenError(`token ${what} is not a JSON object`);
}

/** Turns a JWKS into verification keys by kid; keys that are not RSA signing keys are skipped. */
export function keysFromJwks(jwks: readonly Jwk[]): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  for (const jwk of jwks) {
    if (jwk.kty !== "RSA" || !jwk.kid || (jwk.use !== undefined && jwk.use !== "sig")) continue;
    keys.set(jwk.kid, createPublicKey({ key: jwk, format: "jwk" }));
  }
  return keys;
}

/** Fetches a JWKS document over http(s). */
export async function fetchJwks(jwksUri: string): Promise<Jwk[]> {
  const response = await fetch(jwksUri);
  if (!response.ok) throw new InvalidTokenError(`JWKS ${jwksUri} answered HTTP ${response.status}`);
  const body = (await response.json()) as { keys?: Jwk[] };
  if (!Array.isArray(body.keys)) throw new InvalidTokenError(`JWKS ${jwksUri} has no "keys" array`);
  return body.keys;
}

export interface JwtAuthorizerOptions extends JwtRules {
  /** Loads the issuer's keys. Called at the first token, then again when a token names an unknown kid. */
  readonly loadJwks: () => Promise<readonly Jwk[]>;
  /** @default the system clock */
  readonly nowSeconds?: () => number;
}

export interface JwtAuthorizer {
  /** Returns the claims of a valid token; throws InvalidTokenError otherwise (also when it is missing). */
  authorize(authorization: string | undefined): Promise<JwtClaims>;
}

export function createJwtAuthorizer(options: JwtAuthorizerOptions): JwtAuthorizer {
  const nowSeconds = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  let keys: Promise<Map<string, KeyObject>> | undefined;
  const reload = () => (keys = options.loadJwks().then(keysFromJwks));

  return {
    async authorize(authorization) {
      if (!authorization?.trim()) throw new InvalidTokenError("no Authorization header");
      const current = await (keys ?? reload()).catch(() => reload());
      try {
        return verifyJwt(authorization, current, options, nowSeconds());
      } catch (error) {
        // A key rotation shows up as an unknown kid: refresh the JWKS once and retry.
        if (!(error instanceof UnknownKeyError)) throw error;
        return verifyJwt(authorization, await reload(), options, nowSeconds());
      }
    },
  };
}
