/**
 * Checks a request's AWS Signature Version 4 as S3 does, for presigned URLs (query parameters) and
 * for SDK calls (the Authorization header): the credential and its scope, the date and expiry, that
 * every `x-amz-*` header and `host` is signed, and the signature over the canonical request. The
 * canonical request, the string to sign and the signature come from the SDK's own signer
 * (@smithy/signature-v4), so the front agrees with the presigner by construction; what is checked
 * around them follows S3's documented rules and error codes.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-auth-using-authorization-header.html
 */
import { createHash, createHmac, timingSafeEqual, type Hash, type Hmac } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { ALGORITHM_IDENTIFIER, MAX_PRESIGNED_TTL, SignatureV4, UNSIGNED_PAYLOAD, createScope, getCanonicalHeaders } from "@smithy/signature-v4";
import { s3Error, type S3ErrorReply } from "./s3-errors";

/** S3 refuses header-signed requests dated further than this from its clock. */
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
const SERVICE = "s3";
const TERMINAL = "aws4_request";

/** A request as the front received it: the raw path (still percent-encoded), the decoded query, the headers. */
export interface SignedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string | readonly string[]>>;
  readonly headers: IncomingHttpHeaders;
}

export type Verdict =
  /** No signature at all: an anonymous request, which a private bucket refuses (CORS preflight aside). */
  | { readonly kind: "anonymous" }
  /** Signed by a known key. `payloadHash` is what the body must hash to, or UNSIGNED-PAYLOAD. */
  | { readonly kind: "verified"; readonly auth: "query" | "header"; readonly payloadHash: string }
  | { readonly kind: "refused"; readonly error: S3ErrorReply };

/** A key pair S3 knows (the emulators' one, locally). */
export interface KeyPair {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export interface SigV4VerifierProps {
  readonly region: string;
  /** The key pairs S3 knows. */
  readonly credentials: readonly KeyPair[];
  /** @default () => new Date() */
  readonly now?: () => Date;
}

export type SigV4Verifier = (request: SignedRequest) => Promise<Verdict>;

export function createSigV4Verifier(props: SigV4VerifierProps): SigV4Verifier {
  const now = props.now ?? (() => new Date());
  const signers = new Map(props.credentials.map((credentials) => [credentials.accessKeyId, new CanonicalSigner(credentials, props.region)]));

  return async (request) => {
    const authorization = header(request.headers, "authorization");
    const queryAuth = "X-Amz-Algorithm" in request.query || "X-Amz-Signature" in request.query || "X-Amz-Credential" in request.query;
    if (authorization !== undefined && queryAuth) {
      return refused(
        400,
        "InvalidArgument",
        "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified",
        { ArgumentName: "Authorization", ArgumentValue: authorization },
      );
    }
    if (queryAuth) return verifyQuery(request);
    if (authorization !== undefined) return verifyHeader(request, authorization);
    return { kind: "anonymous" };
  };

  async function verifyQuery(request: SignedRequest): Promise<Verdict> {
    const parameter = (name: string) => single(request.query[name]);
    const [algorithm, credential, date, expires, signedHeaders, signature] = [
      "X-Amz-Algorithm",
      "X-Amz-Credential",
      "X-Amz-Date",
      "X-Amz-Expires",
      "X-Amz-SignedHeaders",
      "X-Amz-Signature",
    ].map(parameter);
    const malformed = (message: string, details?: Record<string, string>) => refused(400, "AuthorizationQueryParametersError", message, details);
    if (!algorithm || !credential || !date || !expires || !signedHeaders || !signature) {
      return malformed("Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
    }
    if (algorithm !== ALGORITHM_IDENTIFIER) return malformed(`X-Amz-Algorithm only supports "${ALGORITHM_IDENTIFIER}"`);
    const signingDate = parseAmzDate(date);
    if (!signingDate) return malformed(`X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`);
    if (!/^\d+$/.test(expires)) return malformed("X-Amz-Expires should be a number");
    if (Number(expires) > MAX_PRESIGNED_TTL) return malformed(`X-Amz-Expires must be less than a week (in seconds) that is ${MAX_PRESIGNED_TTL}`);
    const scope = checkScope(credential, date, (message) => malformed(`Error parsing the X-Amz-Credential parameter; ${message}`));
    if ("kind" in scope) return scope;

    const expiresAt = new Date(signingDate.getTime() + Number(expires) * 1000);
    const serverTime = now();
    if (serverTime > expiresAt) {
      return refused(403, "AccessDenied", "Request has expired", { "X-Amz-Expires": expires, Expires: isoSeconds(expiresAt), ServerTime: isoSeconds(serverTime) });
    }
    return checkSignature(request, { signer: scope.signer, signedHeaders, signature, date, payloadHash: UNSIGNED_PAYLOAD, auth: "query" });
  }

  async function verifyHeader(request: SignedRequest, authorization: string): Promise<Verdict> {
    const [scheme = "", ...rest] = authorization.trim().split(/\s+/);
    if (scheme !== ALGORITHM_IDENTIFIER) {
      return refused(400, "InvalidRequest", `The authorization mechanism you have provided is not supported. Please use ${ALGORITHM_IDENTIFIER}.`);
    }
    const fields = Object.fromEntries(
      rest
        .join("")
        .split(",")
        .map((field) => {
          const at = field.indexOf("=");
          return [field.slice(0, at).trim(), field.slice(at + 1).trim()];
        }),
    ) as Record<string, string | undefined>;
    const malformed = (message: string, details?: Record<string, string>) =>
      refused(400, "AuthorizationHeaderMalformed", `The authorization header is malformed; ${message}`, details);
    const { Credential: credential, SignedHeaders: signedHeaders, Signature: signature } = fields;
    if (!credential || !signedHeaders || !signature) return malformed("it needs Credential, SignedHeaders and Signature.");
    const date = header(request.headers, "x-amz-date");
    const signingDate = date === undefined ? undefined : parseAmzDate(date);
    if (!date || !signingDate) return refused(403, "AccessDenied", "AWS authentication requires a valid Date or x-amz-date header");
    const scope = checkScope(credential, date, malformed);
    if ("kind" in scope) return scope;

    const serverTime = now();
    if (Math.abs(serverTime.getTime() - signingDate.getTime()) > MAX_CLOCK_SKEW_MS) {
      return refused(403, "RequestTimeTooSkewed", "The difference between the request time and the current time is too large.", {
        RequestTime: date,
        ServerTime: isoSeconds(serverTime),
        MaxAllowedSkewMilliseconds: String(MAX_CLOCK_SKEW_MS),
      });
    }
    const payloadHash = header(request.headers, "x-amz-content-sha256");
    if (payloadHash === undefined) return refused(400, "InvalidRequest", "Missing required header for this request: x-amz-content-sha256");
    if (payloadHash !== UNSIGNED_PAYLOAD && !/^[0-9a-f]{64}$/.test(payloadHash)) {
      // aws-chunked bodies (STREAMING-...) carry a signature per chunk; no client of this project sends them.
      return refused(501, "NotImplemented", `The local S3 front does not accept x-amz-content-sha256: ${payloadHash}; send the body with its SHA-256 or UNSIGNED-PAYLOAD`);
    }
    return checkSignature(request, { signer: scope.signer, signedHeaders, signature, date, payloadHash, auth: "header" });
  }

  /** `<key>/<yyyyMMdd>/<region>/s3/aws4_request`, for this region and the request's date, with a known key. */
  function checkScope(credential: string, date: string, malformed: (message: string, details?: Record<string, string>) => Verdict): { signer: CanonicalSigner } | Verdict {
    const parts = credential.split("/");
    if (parts.length !== 5) return malformed(`the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/${TERMINAL}".`);
    const [accessKeyId = "", day, region = "", service, terminal] = parts;
    const signer = signers.get(accessKeyId);
    if (!signer) return refused(403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.", { AWSAccessKeyId: accessKeyId });
    if (day !== date.slice(0, 8)) return malformed(`Invalid credential date "${day}". This date is not the same as X-Amz-Date: "${date.slice(0, 8)}".`);
    if (region !== props.region) return malformed(`the region '${region}' is wrong; expecting '${props.region}'`, { Region: props.region });
    if (service !== SERVICE) return malformed(`incorrect service "${service}". This endpoint belongs to "${SERVICE}".`);
    if (terminal !== TERMINAL) return malformed(`incorrect terminal "${terminal}". This endpoint uses "${TERMINAL}".`);
    return { signer };
  }

  async function checkSignature(
    request: SignedRequest,
    signed: { signer: CanonicalSigner; signedHeaders: string; signature: string; date: string; payloadHash: string; auth: "query" | "header" },
  ): Promise<Verdict> {
    const names = signed.signedHeaders.split(";");
    // S3 refuses a request whose host or x-amz-* headers are not all signed: nothing may travel unsigned beside the signature.
    const unsigned = Object.keys(request.headers).filter((name) => (name === "host" || name.startsWith("x-amz-")) && !names.includes(name) && name !== "x-amz-content-sha256");
    if (unsigned.length > 0) {
      return refused(403, "AccessDenied", "There were headers present in the request which were not signed", { HeadersNotSigned: unsigned.join(", ") });
    }
    const { canonicalRequest, stringToSign, signature } = await signed.signer.signatureOf(request, names, signed.payloadHash, signed.date);
    if (!sameHex(signature, signed.signature)) {
      return refused(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method.", {
        AWSAccessKeyId: signed.signer.accessKeyId,
        StringToSign: stringToSign,
        SignatureProvided: signed.signature,
        CanonicalRequest: canonicalRequest,
      });
    }
    return { kind: "verified", auth: signed.auth, payloadHash: signed.payloadHash };
  }
}

/**
 * The SDK's signer, asked for the parts it signs rather than to sign: the canonical request and the
 * string to sign of a request as received, and the signature of that string with its key.
 */
class CanonicalSigner extends SignatureV4 {
  readonly accessKeyId: string;
  private readonly region: string;

  constructor(credentials: KeyPair, region: string) {
    // S3 signs the path as sent: no second URI-encoding, no normalization.
    super({ credentials, region, service: SERVICE, sha256: NodeSha256, uriEscapePath: false, applyChecksum: false });
    this.accessKeyId = credentials.accessKeyId;
    this.region = region;
  }

  async signatureOf(request: SignedRequest, signedHeaders: readonly string[], payloadHash: string, longDate: string) {
    const headers = Object.fromEntries(signedHeaders.flatMap((name) => (request.headers[name] === undefined ? [] : [[name, headerText(request.headers[name])]])));
    const httpRequest = { method: request.method, protocol: "http:", hostname: "", path: request.path, query: request.query, headers } as unknown as Parameters<typeof getCanonicalHeaders>[0];
    // Only the headers the client listed are given, and every one of them is kept (none is unsignable).
    const canonicalHeaders = getCanonicalHeaders(httpRequest, undefined, new Set(signedHeaders));
    const canonicalRequest = this.createCanonicalRequest(httpRequest, canonicalHeaders, payloadHash);
    const stringToSign = await this.createStringToSign(longDate, createScope(longDate.slice(0, 8), this.region, SERVICE), canonicalRequest, ALGORITHM_IDENTIFIER);
    const signature = await this.sign(stringToSign, { signingDate: parseAmzDate(longDate), signingRegion: this.region, signingService: SERVICE });
    return { canonicalRequest, stringToSign, signature };
  }
}

/** SHA-256, or HMAC-SHA256 with a secret, in the SDK's Checksum shape, from node:crypto. */
class NodeSha256 {
  private hash: Hash | Hmac;

  constructor(private readonly secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = this.fresh();
  }

  update(data: Uint8Array): void {
    this.hash.update(data);
  }

  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }

  reset(): void {
    this.hash = this.fresh();
  }

  private fresh(): Hash | Hmac {
    if (this.secret === undefined) return createHash("sha256");
    const secret = this.secret;
    const key = typeof secret === "string" ? secret : ArrayBuffer.isView(secret) ? new Uint8Array(secret.buffer, secret.byteOffset, secret.byteLength) : new Uint8Array(secret);
    return createHmac("sha256", key);
  }
}

function refused(status: number, code: string, message: string, details?: Record<string, string>): Verdict {
  return { kind: "refused", error: s3Error(status, code, message, details) };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return value === undefined ? undefined : headerText(value);
}

function headerText(value: string | readonly string[] | undefined): string {
  return typeof value === "string" ? value : (value ?? []).join(",");
}

function single(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === "string" ? value : value?.[0];
}

/** `yyyyMMddTHHmmssZ` as a Date, or undefined. */
function parseAmzDate(text: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function sameHex(computed: string, provided: string): boolean {
  return computed.length === provided.length && timingSafeEqual(Buffer.from(computed), Buffer.from(provided));
}
