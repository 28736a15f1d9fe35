/**
 * The API client: a thin typed layer over `fetch` (openapi-fetch) whose types are generated from
 * openapi.json (client/api-types.ts), with paths from the contract's ROUTES. Every error answer
 * becomes a ClientError carrying the status and the API's error code, so callers branch on codes.
 */
import createClient from "openapi-fetch";
import { ROUTES } from "../functions/shared/contract";
import type { components, paths } from "./api-types";
import { ClientError } from "./errors";

type Schemas = components["schemas"];
/** The JSON body an operation takes, as openapi.json describes it. */
type JsonBody<O> = O extends { requestBody: { content: { "application/json": infer B } } } ? B : never;
export type ApiEvent = Schemas["Event"];
export type MyEvents = Schemas["MyEvents"];
export type Registration = Schemas["Registration"];
export type Attendees = Schemas["Attendees"];
export type InitiatedUpload = Schemas["InitiatedUpload"];
export type PhotoPage = Schemas["PhotoPage"];
export type Photo = PhotoPage["photos"][number];
export type PhotoWithStatus = Schemas["PhotoWithStatus"];
export type EventFields = JsonBody<paths[typeof ROUTES.putEvent.path]["put"]>;
export type UploadRequest = JsonBody<paths[typeof ROUTES.initiateUpload.path]["post"]>;

export interface ApiClientOptions {
  /** The API's base URL, e.g. `http://127.0.0.1:3000`. */
  readonly apiUrl: string;
  /** Returns a current ID or access token (it may refresh one first). */
  readonly token: () => string | Promise<string>;
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
}

export interface Page {
  readonly limit?: number;
  readonly cursor?: string;
}

export type ApiClient = ReturnType<typeof createApiClient>;

export function createApiClient(options: ApiClientOptions) {
  const client = createClient<paths>({ baseUrl: options.apiUrl.replace(/\/+$/, ""), fetch: options.fetch });
  client.use({
    async onRequest({ request }) {
      request.headers.set("authorization", `Bearer ${await options.token()}`);
      return request;
    },
  });

  /** The body of a successful answer, or a ClientError naming the status and the API's code. */
  async function answer<T>(what: string, call: () => Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
    let result: { data?: T; error?: unknown; response: Response };
    try {
      result = await call();
    } catch (error) {
      const reason = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
      throw new ClientError("api", `${what} could not be sent (${reason}); check the API URL and your network`, { cause: error });
    }
    const { data, error, response } = result;
    if (response.ok) return data as T;
    const body = error as { error?: { code?: string; message?: string }; message?: string } | undefined;
    const detail = body?.error ? `${body.error.code}: ${body.error.message}` : (body?.message ?? response.statusText);
    throw new ClientError("api", `${what} answered ${response.status} (${detail})`, {
      status: response.status,
      code: body?.error?.code ?? (response.status === 401 ? "unauthorized" : undefined),
      body,
    });
  }

  const eventPath = (eventId: string) => ({ path: { eventId } });
  return {
    putEvent: (eventId: string, body: EventFields) =>
      answer(`PUT event ${eventId}`, () => client.PUT(ROUTES.putEvent.path, { params: eventPath(eventId), body })),
    getEvent: (eventId: string) => answer(`GET event ${eventId}`, () => client.GET(ROUTES.getEvent.path, { params: eventPath(eventId) })),
    listMyEvents: (page: Page = {}) =>
      answer("GET my events", () => client.GET(ROUTES.listMyEvents.path, { params: { query: queryOf(page) } })),
    registerAttendees: (eventId: string, emails: readonly string[]) =>
      answer(`POST attendees of ${eventId}`, () => client.POST(ROUTES.registerAttendees.path, { params: eventPath(eventId), body: { emails: [...emails] } })),
    listAttendees: (eventId: string, page: Page = {}) =>
      answer(`GET attendees of ${eventId}`, () => client.GET(ROUTES.listAttendees.path, { params: { path: { eventId }, query: queryOf(page) } })),
    removeAttendee: (eventId: string, userId: string) =>
      answer(`DELETE attendee ${userId} of ${eventId}`, () => client.DELETE(ROUTES.removeAttendee.path, { params: { path: { eventId, userId } } })),
    initiateUpload: (eventId: string, body: UploadRequest) =>
      answer(`initiate upload to ${eventId}`, () => client.POST(ROUTES.initiateUpload.path, { params: eventPath(eventId), body })),
    listPhotos: (eventId: string, page: Page = {}) =>
      answer(`GET photos of ${eventId}`, () => client.GET(ROUTES.listPhotos.path, { params: { path: { eventId }, query: queryOf(page) } })),
    getPhoto: (eventId: string, photoId: string) =>
      answer(`GET photo ${photoId}`, () => client.GET(ROUTES.getPhoto.path, { params: { path: { eventId, photoId } } })),
    deletePhoto: (eventId: string, photoId: string) =>
      answer(`DELETE photo ${photoId}`, () => client.DELETE(ROUTES.deletePhoto.path, { params: { path: { eventId, photoId } } })),
  };
}

/** The query of a page request: `limit` as the API's string, absent values left out. */
function queryOf(page: Page): { limit?: string; cursor?: string } {
  return { ...(page.limit !== undefined && { limit: String(page.limit) }), ...(page.cursor !== undefined && { cursor: page.cursor }) };
}
