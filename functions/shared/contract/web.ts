/**
 * The web app's hosting facts, shared by the app (which reads config.json), the local web server
 * and the stacks (which write config.json and send the security headers): one format, one
 * Content-Security-Policy, so local and production serve the app the same way.
 */

/** Fetched by the app at start, next to index.html: one build serves every stage. */
export const WEB_CONFIG_FILE = "config.json";

/** What config.json holds. */
export interface WebConfig {
  /** The HTTP API's base URL, e.g. `https://abc123.execute-api.eu-west-1.amazonaws.com`. */
  readonly apiUrl: string;
  /** The user pool's region: Cognito's endpoint is `https://cognito-idp.<region>.amazonaws.com/`. */
  readonly region: string;
  readonly userPoolId: string;
  /** The public app client (no secret) the app signs in with. */
  readonly clientId: string;
  /** A Cognito-compatible endpoint instead of the region's (the local stack's cognito-local). @default absent */
  readonly cognitoEndpoint?: string;
  /** Where photo URLs point (the CDN); the app opens its connection early. */
  readonly photosOrigin: string;
  /** Uploads in flight at once (sending, or waiting for their verdict). @default DEFAULT_UPLOAD_CONCURRENCY */
  readonly uploadConcurrency?: number;
}

/** Enough uploads at once to hide each request's latency, few enough for a phone's uplink. */
export const DEFAULT_UPLOAD_CONCURRENCY = 3;
/** More would compete with each other for a browser's six connections per host. */
export const MAX_UPLOAD_CONCURRENCY = 6;

/** The origins the app talks to besides its own, which the CSP allows and nothing else. */
export interface WebOrigins {
  readonly api: string;
  readonly cognito: string;
  /** The photos CDN (img-src). */
  readonly photos: string;
  /** Where presigned PUTs go: the photos bucket's S3 endpoint (connect-src). */
  readonly uploads: string;
}

/** The region's Cognito endpoint origin, as the client calls it when no endpoint is configured. */
export function cognitoOrigin(region: string): string {
  return `https://cognito-idp.${region}.amazonaws.com`;
}

/**
 * The app's Content-Security-Policy: its own scripts and styles only (no inline code), images from
 * itself and the CDN, requests to itself (config.json),
 * the API, Cognito and the bucket, no frames, plugins, forms elsewhere or embedding.
 */
export function contentSecurityPolicy(origins: WebOrigins): string {
  const unique = (values: readonly string[]) => [...new Set(values)].join(" ");
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src ${unique(["'self'", origins.photos])}`,
    `connect-src ${unique(["'self'", origins.api, origins.cognito, origins.uploads])}`,
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join("; ");
}

/** The security headers besides the CSP (DESIGN section 3): on every response of the app and of the photos CDN. */
export const WEB_SECURITY_HEADERS = {
  /** Two years, subdomains included: the app is only ever served over HTTPS. */
  hstsMaxAgeSeconds: 63_072_000,
  referrerPolicy: "no-referrer",
  frameOptions: "DENY",
} as const;

/** Every security header as HTTP sends it, for servers that set headers themselves (the local web server). */
export function webSecurityHeaders(csp: string): Record<string, string> {
  return {
    "content-security-policy": csp,
    "strict-transport-security": `max-age=${WEB_SECURITY_HEADERS.hstsMaxAgeSeconds}; includeSubDomains`,
    "x-content-type-options": "nosniff",
    "referrer-policy": WEB_SECURITY_HEADERS.referrerPolicy,
    "x-frame-options": WEB_SECURITY_HEADERS.frameOptions,
  };
}

/**
 * The SPA fallback, as a CloudFront Function (viewer request, cloudfront-js-2.0): a path whose last
 * segment has no file extension is a page of the app (`/`, `/events/x`) and gets index.html; any
 * other path is a file, served as is or answered 404. The local web server runs this same code.
 */
export const SPA_FALLBACK_FUNCTION = `function handler(event) {
  var request = event.request;
  var last = request.uri.split("/").pop();
  if (last.indexOf(".") === -1) request.uri = "/index.html";
  return request;
}
`;
