/** Tiny but real images of each accepted type, and bytes that are none of them. */
import type { AcceptedContentType } from "../../functions/shared/contract";

/** 1x1 pixel images. */
export const TINY_IMAGES: Record<AcceptedContentType, Buffer> = {
  "image/png": Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
    "base64",
  ),
  "image/jpeg": Buffer.from(
    "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=",
    "base64",
  ),
  "image/webp": Buffer.from("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==", "base64"),
};

/** Text posing as an image: the right length is easy to fake, the magic bytes are not. */
export function notAnImage(length: number): Buffer {
  return Buffer.alloc(length, "not an image ");
}
