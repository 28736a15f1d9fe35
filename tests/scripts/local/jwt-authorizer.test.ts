import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createLocalJWKSet, type JSONWebKeySet } from "jose";
import { createJwtAuthorizer, verifyJwt } from "../../../scripts/local/jwt-authorizer";
import { LocalStackError } from "../../../scripts/local/errors";
import { generateSigningKey, signJwt } from "../../helpers/jwt";

const NOW = new Date(1_800_000_000 * 1000);
const NOW_SECONDS = 1_800_000_000;
const rules = { issuer: "http://127.0.0.1:9229/local_pool", clientId: "client-1" };
const issuerKey = generateSigningKey("CognitoLocal");
const keys = createLocalJWKSet({ keys: [issuerKey.jwk] } as JSONWebKeySet);
const idClaims = { sub: "user-1", iss: rules.issuer, aud: rules.clientId, token_use: "id", exp: NOW_SECONDS + 60, iat: NOW_SECONDS - 1 };
const accessClaims = { sub: "user-1", iss: rules.issuer, client_id: rules.clientId, token_use: "access", exp: NOW_SECONDS + 60 };

describe("verifyJwt", () => {
  it("accepts an ID token (aud) and an access token (client_id), with or without Bearer", async () => {
    await expect(verifyJwt(signJwt(idClaims, issuerKey), keys, rules, NOW)).resolves.toEqual(idClaims);
    await expect(verifyJwt(`Bearer ${signJwt(idClaims, issuerKey)}`, keys, rules, NOW)).resolves.toEqual(idClaims);
    await expect(verifyJwt(`bearer ${signJwt(accessClaims, issuerKey)}`, keys, rules, NOW)).resolves.toEqual(accessClaims);
  });

  it("refuses a token signed by another key under the issuer's kid", async () => {
    const forged = signJwt(idClaims, generateSigningKey("CognitoLocal"));
    await expect(verifyJwt(forged, keys, rules, NOW)).rejects.toThrow(/signature/);
  });

  it("refuses a token whose payload was altered after signing", async () => {
    const [header, , signature] = signJwt(idClaims, issuerKey).split(".");
    const payload = Buffer.from(JSON.stringify({ ...idClaims, sub: "someone-else" })).toString("base64url");
    await expect(verifyJwt(`${header}.${payload}.${signature}`, keys, rules, NOW)).rejects.toThrow(/signature/);
  });

  it.each([
    ["wrong issuer", { ...idClaims, iss: "http://127.0.0.1:9229/other_pool" }, /iss/],
    ["wrong audience", { ...idClaims, aud: "other-client" }, /aud/],
    ["wrong client_id", { ...accessClaims, client_id: "other-client" }, /client_id/],
    ["expired", { ...idClaims, exp: NOW_SECONDS }, /exp/],
    ["no exp", { ...idClaims, exp: undefined }, /exp/],
    ["not yet valid", { ...idClaims, nbf: NOW_SECONDS + 10 }, /nbf/],
  ])("refuses a token with %s", async (_case, claims, reason) => {
    await expect(verifyJwt(signJwt(claims, issuerKey), keys, rules, NOW)).rejects.toThrow(reason);
  });

  it("refuses other algorithms, unknown kids and malformed tokens", async () => {
    await expect(verifyJwt(signJwt(idClaims, issuerKey, { alg: "HS256" }), keys, rules, NOW)).rejects.toThrow(/alg/);
    await expect(verifyJwt(signJwt(idClaims, issuerKey, { kid: "other" }), keys, rules, NOW)).rejects.toThrow(/no applicable key/);
    await expect(verifyJwt("not-a-jwt", keys, rules, NOW)).rejects.toThrow(/Compact JWS/);
    await expect(verifyJwt("a.b.c", keys, rules, NOW)).rejects.toThrow(LocalStackError);
  });
});

describe("createJwtAuthorizer", () => {
  it("fetches the JWKS once, and again when a token names a kid it has not seen", async () => {
    const rotated = generateSigningKey("rotated");
    let published = [issuerKey.jwk];
    let fetches = 0;
    const server = createServer((_request, response) => {
      fetches += 1;
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: published }));
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    try {
      const jwksUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
      const authorizer = createJwtAuthorizer({ ...rules, jwksUri, now: () => NOW });

      await expect(authorizer.authorize(signJwt(idClaims, issuerKey))).resolves.toMatchObject({ sub: "user-1" });
      await expect(authorizer.authorize(signJwt(accessClaims, issuerKey))).resolves.toMatchObject({ token_use: "access" });
      expect(fetches).toBe(1);

      published = [issuerKey.jwk, rotated.jwk];
      await expect(authorizer.authorize(signJwt(idClaims, rotated))).resolves.toMatchObject({ sub: "user-1" });
      expect(fetches).toBe(2);
    } finally {
      server.close();
    }
  });

  it("refuses a missing or blank Authorization header", async () => {
    const authorizer = createJwtAuthorizer({ ...rules, jwksUri: "http://127.0.0.1:9/jwks.json", now: () => NOW });
    await expect(authorizer.authorize(undefined)).rejects.toThrow(LocalStackError);
    await expect(authorizer.authorize("Bearer ")).rejects.toThrow(LocalStackError);
  });
});
