import { createJwtAuthorizer, keysFromJwks, verifyJwt } from "../../../scripts/local/jwt-verifier";
import { InvalidTokenError, UnknownKeyError } from "../../../scripts/local/errors";
import { generateSigningKey, signJwt } from "../../helpers/jwt";

const NOW = 1_800_000_000;
const rules = { issuer: "http://127.0.0.1:9229/local_pool", clientId: "client-1" };
const issuerKey = generateSigningKey("CognitoLocal");
const keys = keysFromJwks([issuerKey.jwk]);
const idClaims = { sub: "user-1", iss: rules.issuer, aud: rules.clientId, token_use: "id", exp: NOW + 60, iat: NOW - 1 };
const accessClaims = { sub: "user-1", iss: rules.issuer, client_id: rules.clientId, token_use: "access", exp: NOW + 60 };

describe("verifyJwt", () => {
  it("accepts an ID token (aud) and an access token (client_id), with or without Bearer", () => {
    expect(verifyJwt(signJwt(idClaims, issuerKey), keys, rules, NOW)).toEqual(idClaims);
    expect(verifyJwt(`Bearer ${signJwt(idClaims, issuerKey)}`, keys, rules, NOW)).toEqual(idClaims);
    expect(verifyJwt(`bearer ${signJwt(accessClaims, issuerKey)}`, keys, rules, NOW)).toEqual(accessClaims);
  });

  it("refuses a token signed by another key under the issuer's kid", () => {
    const forged = signJwt(idClaims, generateSigningKey("CognitoLocal"));
    expect(() => verifyJwt(forged, keys, rules, NOW)).toThrow(/signature/);
  });

  it("refuses a token whose payload was altered after signing", () => {
    const [header, , signature] = signJwt(idClaims, issuerKey).split(".");
    const payload = Buffer.from(JSON.stringify({ ...idClaims, sub: "someone-else" })).toString("base64url");
    expect(() => verifyJwt(`${header}.${payload}.${signature}`, keys, rules, NOW)).toThrow(/signature/);
  });

  it.each([
    ["wrong issuer", { ...idClaims, iss: "http://127.0.0.1:9229/other_pool" }, /iss/],
    ["wrong audience", { ...idClaims, aud: "other-client" }, /aud/],
    ["wrong client_id", { ...accessClaims, client_id: "other-client" }, /client_id/],
    ["expired", { ...idClaims, exp: NOW }, /exp/],
    ["no exp", { ...idClaims, exp: undefined }, /exp/],
    ["not yet valid", { ...idClaims, nbf: NOW + 10 }, /nbf/],
  ])("refuses a token with %s", (_case, claims, reason) => {
    expect(() => verifyJwt(signJwt(claims, issuerKey), keys, rules, NOW)).toThrow(reason);
  });

  it("refuses other algorithms, unknown kids and malformed tokens", () => {
    expect(() => verifyJwt(signJwt(idClaims, issuerKey, { alg: "HS256" }), keys, rules, NOW)).toThrow(/alg/);
    expect(() => verifyJwt(signJwt(idClaims, issuerKey, { kid: "other" }), keys, rules, NOW)).toThrow(UnknownKeyError);
    expect(() => verifyJwt("not-a-jwt", keys, rules, NOW)).toThrow(/3/);
    expect(() => verifyJwt("a.b.c", keys, rules, NOW)).toThrow(InvalidTokenError);
  });
});

describe("createJwtAuthorizer", () => {
  it("fetches the JWKS once, and again when a token names a kid it has not seen", async () => {
    const rotated = generateSigningKey("rotated");
    let published = [issuerKey.jwk];
    const loadJwks = jest.fn(async () => published);
    const authorizer = createJwtAuthorizer({ ...rules, loadJwks, nowSeconds: () => NOW });

    await expect(authorizer.authorize(signJwt(idClaims, issuerKey))).resolves.toMatchObject({ sub: "user-1" });
    await expect(authorizer.authorize(signJwt(accessClaims, issuerKey))).resolves.toMatchObject({ token_use: "access" });
    expect(loadJwks).toHaveBeenCalledTimes(1);

    published = [issuerKey.jwk, rotated.jwk];
    await expect(authorizer.authorize(signJwt(idClaims, rotated))).resolves.toMatchObject({ sub: "user-1" });
    expect(loadJwks).toHaveBeenCalledTimes(2);
  });

  it("refuses a missing or blank Authorization header", async () => {
    const authorizer = createJwtAuthorizer({ ...rules, loadJwks: async () => [issuerKey.jwk], nowSeconds: () => NOW });
    await expect(authorizer.authorize(undefined)).rejects.toThrow(InvalidTokenError);
    await expect(authorizer.authorize("Bearer ")).rejects.toThrow(InvalidTokenError);
  });
});
