/**
 * A thin layer over `fetch` for the API: paths from the contract's route table, the token in the
 * Authorization header, JSON in and out, and every error answer as a ClientError carrying the
 * status and the API's error code.
 */
import { ROUTES, routePath, type RouteId } from "../functions/shared/contract";
import { ClientError } from "./errors";

export interface ApiClientOptions {
  /** The API's base URL, e.g. `http://127.0.0.1:3000`. */
  readonly apiUrl: string;
  /** Returns a current ID or access token (it may refresh one first). */
  readonly token: () => string | Promise<string>;
}

export interface ApiRequest {
  readonly path?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly body?: unknown;
}

export type ApiCall = (route: RouteId, request?: ApiRequest) => Promise<unknown>;

export function apiCaller(options: ApiClientOptions): ApiCall {
  const base = options.apiUrl.replace(/\/+$/, "");
  return async (id, request = {}) => {
    const route = ROUTES[id];
    const query = new URLSearchParams(
      Object.entries(request.query ?? {}).flatMap(([name, value]): [string, string][] => (value === undefined ? [] : [[name, String(value)]])),
    ).toString();
    const url = `${base}${routePath(route, request.path ?? {})}${query ? `?${query}` : ""}`;
    const what = `${route.method} ${url}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: route.method,
        headers: {
          authorization: `Bearer ${await options.token()}`,
          ...(request.body !== undefined && { "content-type": "application/json" }),
        },
        ...(request.body !== undefined && { body: JSON.stringify(request.body) }),
      });
    } catch (error) {
      const reason = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
      throw new ClientError("api", `${what} could not be sent (${reason}); check the API URL and your network`, { cause: error });
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === "" ? undefined : JSON.parse(text);
    } catch {
      // Not JSON (a proxy's error page): keep the text for the message.
    }
    if (!response.ok) {
      const { error, message } = (parsed ?? {}) as { error?: { code?: string; message?: string }; message?: string };
      const detail = error ? `${error.code}: ${error.message}` : (message ?? text);
      throw new ClientError("api", `${route.method} ${routePath(route, request.path ?? {})} answered ${response.status} (${detail})`, {
        status: response.status,
        code: error?.code ?? (response.status === 401 ? "unauthorized" : undefined),
        body: parsed,
      });
    }
    return parsed;
  };
}
