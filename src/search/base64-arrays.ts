/**
 * Typed arrays as base64 of their little-endian bytes, the form the files `npm run train` writes keep
 * them in (a JSON list of tens of thousands of numbers is slow to validate).
 */

export function toBase64(a: ArrayBufferView): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

/** A typed array of the bytes base64 holds (copied: a Buffer's bytes need not be aligned). */
export function fromBase64<T>(b64: string, Array: { new (buffer: ArrayBuffer): T }): T {
  const bytes = Buffer.from(b64, 'base64');
  return new Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
}
