/**
 * The pure decisions of the processor: does this object match a pending, unexpired intent in key,
 * size, stored type and first bytes? What does an image problem tell its uploader? And, once a
 * photo exists, is the object still the one accepted? Every rejection carries one of DESIGN
 * section 5's codes and a message its uploader can act on.
 */
import { detectImageType, MAGIC_BYTES_LENGTH } from "../shared/image-types";
import type { AcceptedContentType } from "../shared/contract";
import type { Photo, Rejection, UploadIntent } from "../shared/photo-store";
import type { StoredObject } from "../shared/uploaded-objects";
import type { ImageProblem } from "./render-variants";

const TYPE_NAMES: Readonly<Record<AcceptedContentType, string>> = { "image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WebP" };

const START_AGAIN = "start a new upload of the photo";

export const REJECTIONS = {
  noIntent: { code: "no_intent", message: `No pending upload matches this file (it was already checked, or never announced); ${START_AGAIN}.` },
  expired: { code: "expired", message: `The file arrived after its upload had expired; ${START_AGAIN}.` },
  overwritten: {
    code: "overwritten",
    message: `The file was replaced after it had been accepted, so the photo was withdrawn; ${START_AGAIN} instead of writing to the old URL.`,
  },
} as const satisfies Record<string, Rejection>;

/** Returns the rejection of the object, or undefined when it matches its intent (its pixels are checked next). */
export function checkUpload(
  key: string,
  object: Pick<StoredObject, "contentType" | "bytes">,
  intent: UploadIntent | undefined,
  nowEpochSeconds: number,
): Rejection | undefined {
  if (!intent || intent.status !== "pending" || intent.objectKey !== key) return REJECTIONS.noIntent;
  if (intent.expiresAtEpoch <= nowEpochSeconds) return REJECTIONS.expired;
  if (object.bytes.length !== intent.contentLength) {
    return {
      code: "size_mismatch",
      message: `The file has ${object.bytes.length} bytes but the upload announced ${intent.contentLength}; ${START_AGAIN} with the file's exact size.`,
    };
  }
  const declared = TYPE_NAMES[intent.contentType];
  const detected = detectImageType(object.bytes.subarray(0, MAGIC_BYTES_LENGTH));
  if (object.contentType !== undefined && object.contentType !== intent.contentType) {
    return typeMismatch(declared, `it was stored as ${object.contentType}`);
  }
  if (detected !== intent.contentType) {
    return typeMismatch(declared, detected ? `it is a ${TYPE_NAMES[detected]} image` : "it is not a JPEG, PNG or WebP image");
  }
  return undefined;
}

/** The rejection of an image whose pixels cannot be published. */
export function imageRejection(problem: ImageProblem, declared: AcceptedContentType): Rejection {
  switch (problem.problem) {
    case "not_declared_format":
      return typeMismatch(TYPE_NAMES[declared], `its contents decode as ${problem.format ?? "no known format"}`);
    case "undecodable":
      return {
        code: "corrupt_image",
        message: `The ${TYPE_NAMES[declared]} file could not be decoded (${problem.detail}): it is truncated or damaged; export the photo again and upload the new file.`,
      };
    case "too_many_pixels":
      return {
        code: "too_many_pixels",
        message:
          `The image is ${problem.width} x ${problem.height} pixels (${megapixels(problem.width * problem.height)} megapixels), ` +
          `more than the limit of ${megapixels(problem.pixelLimit)} megapixels; scale it down and upload it again.`,
      };
  }
}

function typeMismatch(declared: string, found: string): Rejection {
  return { code: "type_mismatch", message: `The file was announced as a ${declared} image but ${found}; ${START_AGAIN} with the file's real type.` };
}

function megapixels(pixels: number): string {
  return String(Math.round(pixels / 100_000) / 10);
}

/**
 * What a notification for the key of an existing photo means. Photo keys are immutable, so an object
 * whose ETag differs from the accepted one holds bytes nobody checked: the photo must not stay published.
 */
export type ExistingPhotoVerdict =
  | "duplicate"
  | "overwritten"
  /** Nothing to check: a concurrent delivery is removing the photo of an overwritten object. */
  | "gone";

export function existingPhotoVerdict(photo: Pick<Photo, "etag">, object: Pick<StoredObject, "etag"> | undefined): ExistingPhotoVerdict {
  if (!object) return "gone";
  return object.etag === photo.etag ? "duplicate" : "overwritten";
}
