/**
 * The first gate of an upload, before any decoder sees the bytes: what the file is (from its magic
 * bytes only: the file name and the browser's declared type are never trusted), whether it is whole,
 * and how many pixels its header declares. Pure: no I/O, no decoding; it reads headers and walks
 * chunk/segment/box lengths, so a 20000 × 20000 pixel flood is refused before anything allocates it.
 */

/** Largest upload accepted, in bytes (15 MB). The server-action body limit (16 MB) sits just above. */
export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024;
/** Largest image accepted, in pixels (width × height, from the header): about a 45-megapixel camera. */
export const MAX_UPLOAD_PIXELS = 50_000_000;
/** Longest side accepted, in pixels, whatever the total. */
export const MAX_UPLOAD_SIDE = 16_000;

/** The formats Masthead stores. */
export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'avif';

/** Per format: the storage key's extension, the Content-Type and the name shown to users. */
export const FORMAT_INFO: Record<ImageFormat, { ext: 'jpg' | 'png' | 'webp' | 'avif'; mimeType: string; label: string }> = {
  jpeg: { ext: 'jpg', mimeType: 'image/jpeg', label: 'JPEG' },
  png: { ext: 'png', mimeType: 'image/png', label: 'PNG' },
  webp: { ext: 'webp', mimeType: 'image/webp', label: 'WebP' },
  avif: { ext: 'avif', mimeType: 'image/avif', label: 'AVIF' },
};

/** Why an upload was refused, for tests and logs; users see the message. */
export type UploadRefusal = 'empty' | 'too-large' | 'unsupported-type' | 'truncated' | 'no-dimensions' | 'zero-dimensions' | 'too-many-pixels';

/** Either the format and declared size of an acceptable file, or why it is refused with a message for the user. */
export type UploadDecision =
  | { ok: true; format: ImageFormat; width: number; height: number }
  | { ok: false; reason: UploadRefusal; message: string };

const SUPPORTED = 'Upload a JPEG, PNG, WebP or AVIF image.';

const refuse = (reason: UploadRefusal, message: string): UploadDecision => ({ ok: false, reason, message });

const ascii = (bytes: Uint8Array, start: number, length: number) => String.fromCharCode(...bytes.subarray(start, start + length));

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) => signature.every((b, i) => bytes[offset + i] === b);

const u16be = (b: Uint8Array, o: number) => (b[o]! << 8) | b[o + 1]!;
const u32be = (b: Uint8Array, o: number) => ((b[o]! << 24) >>> 0) + (b[o + 1]! << 16) + (b[o + 2]! << 8) + b[o + 3]!;
const u32le = (b: Uint8Array, o: number) => b[o]! + (b[o + 1]! << 8) + (b[o + 2]! << 16) + ((b[o + 3]! << 24) >>> 0);
const u24le = (b: Uint8Array, o: number) => b[o]! + (b[o + 1]! << 8) + (b[o + 2]! << 16);

type Header = { width: number; height: number } | { truncated: true } | { noDimensions: true };

/** Names the formats we recognise but do not accept, so the refusal can say what the file really is. */
function recognisedOther(bytes: Uint8Array): string | null {
  if (ascii(bytes, 0, 4) === 'GIF8') return 'a GIF';
  if (ascii(bytes, 0, 2) === 'BM') return 'a BMP';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'a TIFF';
  if (ascii(bytes, 0, 4) === '%PDF') return 'a PDF';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'a ZIP archive';
  if (startsWith(bytes, [0x00, 0x00, 0x01, 0x00])) return 'an icon (ICO)';
  if (ascii(bytes, 4, 4) === 'ftyp') return 'a HEIC or other ISO media file';
  if (startsWith(bytes, [0xef, 0xbb, 0xbf]) || /^\s*</.test(ascii(bytes, 0, 64))) return 'a text file (SVG, HTML or XML)';
  return null;
}

/** PNG: the IHDR chunk gives the size; the chunks must chain up to IEND (bytes after it are ignored). */
function pngHeader(b: Uint8Array): Header {
  if (b.length < 33 || ascii(b, 12, 4) !== 'IHDR') return { truncated: true };
  let offset = 8;
  for (;;) {
    if (offset + 12 > b.length) return { truncated: true };
    const length = u32be(b, offset);
    const type = ascii(b, offset + 4, 4);
    offset += 12 + length;
    if (offset > b.length) return { truncated: true };
    if (type === 'IEND') break;
  }
  return { width: u32be(b, 16), height: u32be(b, 20) };
}

const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** JPEG: walks the segments to the first frame header (SOFn) and on to the scan; the scan must end (EOI). */
function jpegHeader(b: Uint8Array): Header {
  let offset = 2;
  let size: { width: number; height: number } | null = null;
  for (;;) {
    if (offset + 4 > b.length) return { truncated: true };
    if (b[offset] !== 0xff) return size ? { truncated: true } : { noDimensions: true };
    const marker = b[offset + 1]!;
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    if (marker === 0xd9) return { noDimensions: true };
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      offset += 2;
      continue;
    }
    const length = u16be(b, offset + 2);
    if (length < 2 || offset + 2 + length > b.length) return { truncated: true };
    if (SOF.has(marker)) {
      if (length < 7) return { noDimensions: true };
      size = { height: u16be(b, offset + 5), width: u16be(b, offset + 7) };
    }
    offset += 2 + length;
    if (marker === 0xda) break;
  }
  if (!size) return { noDimensions: true };
  // The entropy-coded scan runs to the End Of Image marker; a cut file has none.
  for (let i = b.length - 2; i >= offset; i -= 1) if (b[i] === 0xff && b[i + 1] === 0xd9) return size;
  return { truncated: true };
}

/** WebP: RIFF must hold as many bytes as it says; the size comes from the VP8X, VP8L or VP8 header. */
function webpHeader(b: Uint8Array): Header {
  if (b.length < 30) return { truncated: true };
  if (u32le(b, 4) + 8 > b.length) return { truncated: true };
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8X') return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  if (chunk === 'VP8L') {
    if (b[20] !== 0x2f) return { noDimensions: true };
    const bits = u32le(b, 21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8 ') {
    if (!startsWith(b, [0x9d, 0x01, 0x2a], 23)) return { noDimensions: true };
    return { width: (b[26]! | (b[27]! << 8)) & 0x3fff, height: (b[28]! | (b[29]! << 8)) & 0x3fff };
  }
  return { noDimensions: true };
}

/** AVIF: the top-level boxes must fit the file and include meta and mdat; the largest `ispe` gives the size. */
function avifHeader(b: Uint8Array): Header {
  const boxes = new Set<string>();
  let offset = 0;
  while (offset < b.length) {
    if (offset + 8 > b.length) return { truncated: true };
    let size = u32be(b, offset);
    const type = ascii(b, offset + 4, 4);
    if (size === 1) {
      if (offset + 16 > b.length) return { truncated: true };
      size = u32be(b, offset + 8) * 2 ** 32 + u32be(b, offset + 12);
    } else if (size === 0) {
      size = b.length - offset;
    }
    if (size < 8 || offset + size > b.length) return { truncated: true };
    boxes.add(type);
    offset += size;
  }
  if (!boxes.has('meta') || !boxes.has('mdat')) return { truncated: true };
  let width = 0;
  let height = 0;
  for (let i = 0; i + 20 <= b.length; i += 1) {
    if (b[i] === 0x69 && ascii(b, i, 4) === 'ispe') {
      width = Math.max(width, u32be(b, i + 8));
      height = Math.max(height, u32be(b, i + 12));
    }
  }
  return width || height ? { width, height } : { noDimensions: true };
}

/** True when an `ftyp` box names an AVIF brand (major or compatible). */
function isAvif(b: Uint8Array): boolean {
  if (b.length < 16 || ascii(b, 4, 4) !== 'ftyp') return false;
  const size = Math.min(u32be(b, 0), b.length);
  for (let o = 8; o + 4 <= size; o += 4) {
    if (o === 12) continue; // minor version
    const brand = ascii(b, o, 4);
    if (brand === 'avif' || brand === 'avis') return true;
  }
  return false;
}

function detect(b: Uint8Array): ImageFormat | null {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'webp';
  if (isAvif(b)) return 'avif';
  return null;
}

const HEADERS: Record<ImageFormat, (b: Uint8Array) => Header> = { jpeg: jpegHeader, png: pngHeader, webp: webpHeader, avif: avifHeader };

/** The refusal for a file of `size` bytes over MAX_UPLOAD_BYTES (also shown by the browser before sending). */
export function tooLargeMessage(size: number): string {
  // Rounded up, so a file just over the limit never reads as "15.0 MB".
  return `The file is ${Math.ceil((size / 1024 / 1024) * 10) / 10} MB; the limit is ${MAX_UPLOAD_BYTES / 1024 / 1024} MB. Export a smaller image.`;
}

const megapixels = (n: number) => `${Math.round(n / 100_000) / 10} megapixels`;

/**
 * Decides whether the bytes may go on to the decoder. Refuses, each with a message for the user: an
 * empty or oversized file, anything that is not JPEG/PNG/WebP/AVIF by its magic bytes, a file cut short,
 * one without readable dimensions, zero dimensions, and more than MAX_UPLOAD_PIXELS or MAX_UPLOAD_SIDE.
 */
export function decideUpload(bytes: Uint8Array): UploadDecision {
  if (bytes.length === 0) return refuse('empty', 'The file is empty. Choose an image file to upload.');
  if (bytes.length > MAX_UPLOAD_BYTES) return refuse('too-large', tooLargeMessage(bytes.length));
  const format = detect(bytes);
  if (!format) {
    const other = recognisedOther(bytes);
    return refuse('unsupported-type', other ? `This file is ${other}, not a supported image. ${SUPPORTED}` : `This file is not a supported image, whatever its name says. ${SUPPORTED}`);
  }
  const label = FORMAT_INFO[format].label;
  const header = HEADERS[format](bytes);
  if ('truncated' in header) return refuse('truncated', `This ${label} file is incomplete or damaged (it ends too early). Export it again and retry.`);
  if ('noDimensions' in header) return refuse('no-dimensions', `This ${label} file has no readable image size. Export it again and retry.`);
  const { width, height } = header;
  if (width === 0 || height === 0) return refuse('zero-dimensions', `This ${label} file declares an empty image (${width} × ${height} pixels).`);
  if (width * height > MAX_UPLOAD_PIXELS || width > MAX_UPLOAD_SIDE || height > MAX_UPLOAD_SIDE) {
    return refuse(
      'too-many-pixels',
      `The image is ${width} × ${height} pixels (${megapixels(width * height)}); the limit is ${megapixels(MAX_UPLOAD_PIXELS)} and ${MAX_UPLOAD_SIDE} pixels a side. Resize it and retry.`,
    );
  }
  return { ok: true, format, width, height };
}
