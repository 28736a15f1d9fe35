/**
 * Recognises the accepted image types by their first bytes, so a processor can tell a real image of
 * the declared type from anything else uploaded under its name.
 */
import { ACCEPTED_CONTENT_TYPES, type AcceptedContentType } from "./contract";

/** How many leading bytes `detectImageType` needs; the processor reads this many. */
export const MAGIC_BYTES_LENGTH = 16;

const ascii = (text: string) => Array.from(text, (char) => char.charCodeAt(0));

// null marks a byte that may take any value (the RIFF chunk size of a WebP file).
const SIGNATURES: Record<AcceptedContentType, readonly (number | null)[]> = {
  "image/jpeg": [0xff, 0xd8, 0xff],
  "image/png": [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  "image/webp": [...ascii("RIFF"), null, null, null, null, ...ascii("WEBPVP8")],
};

/** The accepted type whose signature starts `bytes`, or undefined. */
export function detectImageType(bytes: Uint8Array): AcceptedContentType | undefined {
  return ACCEPTED_CONTENT_TYPES.find((type) => {
    const signature = SIGNATURES[type];
    return bytes.length >= signature.length && signature.every((byte, index) => byte === null || bytes[index] === byte);
  });
}
