/** The image formats media-service accepts, decided from the bytes, never from a name or a header. */
export const IMAGE_TYPES = ['jpeg', 'png', 'webp', 'avif'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

export const MIME_TYPES: Readonly<Record<ImageType, string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
};

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0): boolean =>
  signature.every((byte, index) => bytes[offset + index] === byte);

const ascii = (bytes: Uint8Array, start: number, end: number): string =>
  String.fromCharCode(...bytes.subarray(start, end));

/** The format the file's leading bytes (its magic number) say it is; null for anything else. */
export function detectImageType(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) {
    return 'jpeg';
  }
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return 'png';
  }
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') {
    return 'webp';
  }
  // ISO BMFF: a `ftyp` box whose major brand is avif (still) or avis (sequence).
  if (ascii(bytes, 4, 8) === 'ftyp' && ['avif', 'avis'].includes(ascii(bytes, 8, 12))) {
    return 'avif';
  }
  return null;
}

/** Markup a browser or an interpreter would act on: its presence anywhere makes a file a polyglot. */
// Whole tags only: short patterns turn up by chance in compressed pixel data.
const ACTIVE_CONTENT = /<(script|html|svg|iframe|body|object|embed|!doctype)[\s/>]|<\?php[\s]/i;

/**
 * Whether an image also carries markup (an image/HTML or image/script polyglot): such a file is refused
 * even though it decodes, since a mislabelled copy of it could run in a browser or a server.
 */
export function carriesActiveContent(bytes: Uint8Array): boolean {
  return ACTIVE_CONTENT.test(
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'),
  );
}
