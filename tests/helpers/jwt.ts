/** Test-only RS256 signing, to forge tokens the local authorizer must refuse (or, with its key, accept). */
import { generateKeyPairSync, sign, type JsonWebKey, type KeyObject } from "node:crypto";

export type Jwk = JsonWebKey & { readonly kid: string };

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly jwk: Jwk;
}

export function generateSigningKey(kid: string): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { kid, privateKey, jwk: { ...publicKey.export({ format: "jwk" }), kid, use: "sig", alg: "RS256" } };
}

export function signJwt(claims: Record<string, unknown>, key: SigningKey, header: Record<string, unknown> = {}): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const signedPart = `${encode({ alg: "RS256", typ: "JWT", kid: key.kid, ...header })}.${encode(claims)}`;
  return `${signedPart}.${sign("RSA-SHA256", Buffer.from(signedPart), key.privateKey).toString("base64url")}`;
}
