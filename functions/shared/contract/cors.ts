/** CORS of the two endpoints browsers call: the HTTP API, and the bucket's presigned PUTs. */
import { NO_OVERWRITE_HEADER } from "./storage";

/**
 * CORS rules of the photos bucket: browsers PUT straight to the presigned URL with the headers
 * initiate-upload returns. Content-Length is set by the browser itself; the other two must pass
 * the preflight.
 */
export function bucketCorsRules(allowedOrigins: readonly string[]) {
  return [
    {
      allowedMethods: ["PUT"],
      allowedOrigins: [...allowedOrigins],
      allowedHeaders: ["content-type", NO_OVERWRITE_HEADER.name.toLowerCase()],
      exposeHeaders: ["etag"],
      maxAgeSeconds: 3600,
    },
  ];
}

/** CORS of the HTTP API (and the local API server). */
export function apiCors(allowedOrigins: readonly string[]) {
  return {
    allowOrigins: [...allowedOrigins],
    allowMethods: ["GET", "POST", "PUT", "DELETE", "OPTIONS"],
    allowHeaders: ["authorization", "content-type"],
    maxAgeSeconds: 3600,
  };
}
