/**
 * A manifest's text as kubectl would read it: UTF-8 (a BOM is dropped by the YAML parser)
 * or UTF-16 with a BOM. `valid` is false when UTF-8 bytes are malformed.
 */
export function decodeManifest(bytes: Uint8Array): { text: string; valid: boolean } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), valid: true };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), valid: true };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), valid: true };
  } catch {
    return { text: new TextDecoder('utf-8').decode(bytes), valid: false };
  }
}
