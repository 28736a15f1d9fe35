import { ClientError } from "../../client/errors";
import type { Tokens } from "../../client/cognito";
import { REFRESH_MARGIN_MS, SESSION_STORAGE_KEY, Session, refreshDueAt, tokenSubject, type KeyValueStorage } from "../../web/src/session";

const HOUR = 3_600_000;
/** An unsigned JWT with the claims given: the app only reads them. */
const jwt = (claims: Record<string, unknown>) => ["{}", JSON.stringify(claims), ""].map((part) => Buffer.from(part).toString("base64url")).join(".");

function memoryStorage(): KeyValueStorage & { readonly data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value), removeItem: (key) => void data.delete(key) };
}

function setup(options: { refresh?: () => Promise<Tokens> } = {}) {
  let now = 1_000_000;
  const storage = memoryStorage();
  const tokens = (n: number, lifetime = HOUR): Tokens => ({ idToken: jwt({ sub: "user-1", n }), accessToken: `access-${n}`, refreshToken: `refresh-${n}`, expiresAt: now + lifetime });
  const login = jest.fn(async () => tokens(1));
  const refresh = jest.fn(options.refresh ?? (async () => ({ ...tokens(2), refreshToken: undefined })));
  const deps = { endpoint: { region: "eu-west-1", clientId: "client" }, storage, login, refresh, now: () => now };
  return { deps, storage, login, refresh, tokens, advance: (ms: number) => (now += ms), session: new Session(deps) };
}

describe("refreshDueAt", () => {
  test("renews five minutes before expiry, or halfway through a short lifetime", () => {
    expect(refreshDueAt(0, HOUR)).toBe(HOUR - REFRESH_MARGIN_MS);
    expect(refreshDueAt(0, 4 * 60_000)).toBe(2 * 60_000);
  });
});

describe("Session", () => {
  test("signing in stores the tokens, so a new session (a reload) is still signed in", async () => {
    const { session, deps, storage } = setup();
    const user = await session.signIn("ana@example.com", "pw");
    expect(user).toMatchObject({ username: "ana@example.com", userId: "user-1", refreshToken: "refresh-1" });
    expect(storage.data.has(SESSION_STORAGE_KEY)).toBe(true);
    expect(new Session(deps).current()).toEqual(user);
  });

  test("hands out the current token until the refresh is due, then renews once for concurrent callers and keeps the refresh token", async () => {
    const { session, refresh, advance, storage } = setup();
    const first = await session.signIn("ana@example.com", "pw");
    advance(HOUR - REFRESH_MARGIN_MS - 1);
    expect(await session.token()).toBe(first.idToken);
    expect(refresh).not.toHaveBeenCalled();
    advance(1);
    const [a, b] = await Promise.all([session.token(), session.token()]);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(refresh).toHaveBeenCalledWith({ region: "eu-west-1", clientId: "client" }, "refresh-1");
    expect(a).toBe(b);
    expect(a).not.toBe(first.idToken);
    expect(JSON.parse(storage.data.get(SESSION_STORAGE_KEY) as string)).toMatchObject({ idToken: a, refreshToken: "refresh-1" });
  });

  test("a refused refresh token ends the session", async () => {
    const { session, advance, storage } = setup({ refresh: () => Promise.reject(new ClientError("login", "refused", { code: "NotAuthorizedException" })) });
    await session.signIn("ana@example.com", "pw");
    const listener = jest.fn();
    session.subscribe(listener);
    advance(HOUR);
    await expect(session.token()).rejects.toThrow("Your session has ended; sign in again.");
    expect(session.current()).toBeUndefined();
    expect(storage.data.size).toBe(0);
    expect(listener).toHaveBeenCalled();
  });

  test("an unreachable Cognito keeps the token while it is valid, and fails once it has expired", async () => {
    const { session, advance } = setup({ refresh: () => Promise.reject(new ClientError("login", "cannot reach Cognito")) });
    const user = await session.signIn("ana@example.com", "pw");
    advance(HOUR - 60_000);
    expect(await session.token()).toBe(user.idToken);
    advance(60_000);
    await expect(session.token()).rejects.toThrow("cannot reach Cognito");
    expect(session.current()).toEqual(user);
  });

  test("signing out clears the stored session", async () => {
    const { session, deps, storage } = setup();
    await session.signIn("ana@example.com", "pw");
    session.signOut();
    expect(storage.data.size).toBe(0);
    expect(new Session(deps).current()).toBeUndefined();
    await expect(session.token()).rejects.toThrow("You are signed out");
  });

  test("a damaged or foreign stored value is treated as signed out and removed", () => {
    for (const value of ["{not json", JSON.stringify({ username: "ana" }), JSON.stringify({ username: "a", userId: "u", idToken: "t", refreshToken: "r", expiresAt: "soon", obtainedAt: 1 })]) {
      const { deps, storage } = setup();
      storage.setItem(SESSION_STORAGE_KEY, value);
      expect(new Session(deps).current()).toBeUndefined();
      expect(storage.data.size).toBe(0);
    }
  });

  test("a sign-in without a refresh token or a user id is refused and stores nothing", async () => {
    const { deps, storage, tokens } = setup();
    deps.login.mockResolvedValueOnce({ ...tokens(1), refreshToken: undefined });
    await expect(new Session(deps).signIn("a", "b")).rejects.toThrow("no refresh token");
    deps.login.mockResolvedValueOnce({ ...tokens(1), idToken: jwt({ email: "a" }) });
    await expect(new Session(deps).signIn("a", "b")).rejects.toThrow("no user id");
    expect(storage.data.size).toBe(0);
  });
});

test("tokenSubject reads the sub claim of a base64url payload", () => {
  expect(tokenSubject(jwt({ sub: "ü-sub-?>", other: 1 }))).toBe("ü-sub-?>");
  expect(() => tokenSubject("garbage")).toThrow("no usable token");
});
