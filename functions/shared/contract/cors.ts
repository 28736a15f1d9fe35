/** CORS of the two endpoints browsers call: the HTTP API, and the bucket's presigned PUTs. */

/** CORS rules of the photos bucket: browsers PUT straight to the presigned URL. */
export function bucketCorsRules(allowedOrigins: readonly string[]) {
  return [
    {
      allowedMethods: ["PUT"],
      allowedOrigins: [...allowedOrigins],
      allowedHeaders: ["content-type"],
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
