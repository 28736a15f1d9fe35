/**
 * The one session of the app: Cognito tokens kept in storage (so a reload stays signed in), renewed
 * with the refresh token shortly before they expire, cleared on sign-out. Sign-in and refresh are
 * injected (client/cognito.ts in the app), as are storage and the clock, so the timing is tested
 * without a browser.
 */
import type { CognitoEndpoint, LoginOptions, Tokens } from "../../client/cognito";
import { ClientError } from "../../client/errors";

/** Storage as the app uses it (window.localStorage has this shape). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface SessionDeps {
  readonly endpoint: CognitoEndpoint;
  readonly storage: KeyValueStorage;
  readonly login: (options: LoginOptions) => Promise<Tokens>;
  readonly refresh: (endpoint: CognitoEndpoint, refreshToken: string) => Promise<Tokens>;
  /** @default Date.now */
  readonly now?: () => number;
}

export interface SignedIn {
  readonly username: string;
  /** The user's id (`sub`), which photos name as `uploadedBy`. */
  readonly userId: string;
  readonly idToken: string;
  readonly refreshToken: string;
  readonly expiresAt: number;
  /** When these tokens were issued, epoch milliseconds: the refresh is timed from their lifetime. */
  readonly obtainedAt: number;
}

export const SESSION_STORAGE_KEY = "event-photos.session";
/** Renew this long before expiry, so a request never leaves with a token about to lapse. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

/** When tokens obtained at `obtainedAt` and expiring at `expiresAt` should be renewed: 5 minutes early, or halfway for short-lived ones. */
export function refreshDueAt(obtainedAt: number, expiresAt: number): number {
  return expiresAt - Math.min(REFRESH_MARGIN_MS, (expiresAt - obtainedAt) / 2);
}

/** The `sub` claim of a JWT, read without verifying it (the API verifies; the app only needs to know who it is). */
export function tokenSubject(jwt: string): string {
  const payload = jwt.split(".")[1];
  if (!payload) throw new ClientError("login", "the sign-in answer carried no usable token; sign in again");
  const json = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0)))) as { sub?: unknown };
  if (typeof json.sub !== "string") throw new ClientError("login", "the sign-in answer carried no user id; sign in again");
  return json.sub;
}

export class Session {
  private state: SignedIn | undefined;
  private refreshing: Promise<string> | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly now: () => number;

  constructor(private readonly deps: SessionDeps) {
    this.now = deps.now ?? Date.now;
    this.state = readStored(deps.storage);
  }

  /** The signed-in user, or undefined. */
  current(): SignedIn | undefined {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async signIn(username: string, password: string): Promise<SignedIn> {
    const obtainedAt = this.now();
    const tokens = await this.deps.login({ ...this.deps.endpoint, username, password });
    if (!tokens.refreshToken) throw new ClientError("login", "Cognito returned no refresh token; check the app client's auth flows");
    return this.store({ username, userId: tokenSubject(tokens.idToken), idToken: tokens.idToken, refreshToken: tokens.refreshToken, expiresAt: tokens.expiresAt, obtainedAt });
  }

  /** A current ID token, renewed first when it is due; signs out when the refresh token is refused. */
  async token(): Promise<string> {
    const state = this.state;
    if (!state) throw new ClientError("login", "You are signed out; sign in again.");
    if (this.now() < refreshDueAt(state.obtainedAt, state.expiresAt)) return state.idToken;
    this.refreshing ??= this.renew(state).finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  signOut(): void {
    this.state = undefined;
    this.deps.storage.removeItem(SESSION_STORAGE_KEY);
    this.notify();
  }

  private async renew(state: SignedIn): Promise<string> {
    const obtainedAt = this.now();
    let tokens: Tokens;
    try {
      tokens = await this.deps.refresh(this.deps.endpoint, state.refreshToken);
    } catch (error) {
      // Cognito refused the refresh token (expired, revoked): the session is over.
      if (error instanceof ClientError && error.code === "NotAuthorizedException") {
        this.signOut();
        throw new ClientError("login", "Your session has ended; sign in again.", { cause: error });
      }
      // Unreachable for now: the current token still works until it expires.
      if (this.now() < state.expiresAt) return state.idToken;
      throw error;
    }
    const renewed = this.store({ ...state, idToken: tokens.idToken, refreshToken: tokens.refreshToken ?? state.refreshToken, expiresAt: tokens.expiresAt, obtainedAt });
    return renewed.idToken;
  }

  private store(state: SignedIn): SignedIn {
    this.state = state;
    this.deps.storage.setItem(SESSION_STORAGE_KEY, JSON.stringify(state));
    this.notify();
    return state;
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

/** The stored session, or undefined when there is none or it is not one this app wrote. */
function readStored(storage: KeyValueStorage): SignedIn | undefined {
  const raw = storage.getItem(SESSION_STORAGE_KEY);
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<SignedIn>;
    const texts = [value.username, value.userId, value.idToken, value.refreshToken];
    if (texts.every((text) => typeof text === "string" && text) && Number.isFinite(value.expiresAt) && Number.isFinite(value.obtainedAt)) return value as SignedIn;
  } catch {
    // Damaged: treated as signed out, and overwritten by the next sign-in.
  }
  storage.removeItem(SESSION_STORAGE_KEY);
  return undefined;
}
