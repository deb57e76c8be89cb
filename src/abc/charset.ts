/** The character set an ABC file declares (`%%abc-charset iso-8859-1`, ABC 2.1 §2.2.1); UTF-8 otherwise. */

export type AbcEncoding = 'utf8' | 'latin1';

/** Charset names of ABC 2.1 and the usual aliases that mean ISO-8859-1 (Latin-1). */
const LATIN1 = /^%%abc-charset\s+(iso-8859-1|latin-?1|iso8859-1)\b/im;

/** Which encoding the bytes declare: ISO-8859-1 only when a `%%abc-charset` line says so. */
export function declaredAbcEncoding(bytes: Uint8Array): AbcEncoding {
  // The declaration is ASCII, so reading the bytes as Latin-1 finds it whatever the file's real encoding.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1 << 20)).toString('latin1');
  return LATIN1.test(head) ? 'latin1' : 'utf8';
}

/** The text of an ABC file's bytes, decoded as the file declares. */
export function decodeAbc(bytes: Uint8Array): { text: string; encoding: AbcEncoding } {
  const encoding = declaredAbcEncoding(bytes);
  return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(encoding), encoding };
}

/** Bytes of ABC text in the encoding it was read with. */
export function encodeAbc(text: string, encoding: AbcEncoding): Buffer {
  return Buffer.from(text, encoding);
}
