import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

/**
 * Image files built in code for the media tests and the hostile-uploads check: real images made with
 * sharp, and hand-made headers (pixel floods, cut files, polyglots) that no camera would produce.
 */

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A marker placed in every hostile payload, so a test can prove it is not in what was stored. */
export const PAYLOAD_MARKER = 'MASTHEAD-HOSTILE-PAYLOAD';

/** A PNG chunk with its length and CRC. */
export function pngChunk(type: string, data: Buffer = Buffer.alloc(0)): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A structurally complete PNG whose header declares `width` × `height` (RGB, 8 bit) with the given IDAT. */
export function pngWithHeader({ width, height, idat = deflateSync(Buffer.alloc(64)) }: { width: number; height: number; idat?: Buffer }): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND')]);
}

const solid = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: { r: 200, g: 60, b: 40 } } });

/** A real image of the given format and size, made by sharp. */
export async function realImage(format: 'jpeg' | 'png' | 'webp' | 'avif' | 'gif' | 'tiff', width = 64, height = 48): Promise<Buffer> {
  const image = solid(width, height);
  if (format === 'avif') return image.avif({ effort: 0 }).toBuffer();
  return image.toFormat(format).toBuffer();
}

/** A JPEG carrying EXIF (camera, copyright), GPS coordinates, an orientation and a comment-like description. */
export async function jpegWithExifAndGps({ width = 80, height = 40, orientation = 6 }: { width?: number; height?: number; orientation?: number } = {}): Promise<Buffer> {
  return solid(width, height)
    .withExif({
      IFD0: { Make: 'SecretCam', Model: `Serial-${PAYLOAD_MARKER}`, ImageDescription: `<script>${PAYLOAD_MARKER}</script>` },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 0/1' },
    })
    .withMetadata({ orientation })
    .jpeg()
    .toBuffer();
}

/** Overwrites the size in a JPEG's frame header (SOFn), leaving the rest of the file as it was. */
export function patchJpegSize(jpeg: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(jpeg);
  let offset = 2;
  while (offset + 4 < out.length) {
    const marker = out[offset + 1]!;
    const length = out.readUInt16BE(offset + 2);
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      out.writeUInt16BE(height, offset + 5);
      out.writeUInt16BE(width, offset + 7);
      return out;
    }
    offset += 2 + length;
  }
  throw new Error('No frame header in this JPEG.');
}

/** Inserts a JPEG comment (COM) segment right after the start-of-image marker. */
export function jpegWithComment(jpeg: Buffer, comment: string): Buffer {
  const text = Buffer.from(comment, 'latin1');
  const header = Buffer.from([0xff, 0xfe, 0, 0]);
  header.writeUInt16BE(text.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), header, text, jpeg.subarray(2)]);
}

/** Inserts a PNG chunk (e.g. tEXt) right after IHDR. */
export function pngWithChunk(png: Buffer, type: string, data: Buffer): Buffer {
  const afterIhdr = 8 + 12 + png.readUInt32BE(8);
  return Buffer.concat([png.subarray(0, afterIhdr), pngChunk(type, data), png.subarray(afterIhdr)]);
}

/** A WebP header with an extended (VP8X) canvas of `width` × `height` and nothing to decode. */
export function webpVp8xHeader(width: number, height: number): Buffer {
  const vp8x = Buffer.alloc(18);
  vp8x.write('VP8X', 0, 'latin1');
  vp8x.writeUInt32LE(10, 4);
  vp8x.writeUIntLE(width - 1, 12, 3);
  vp8x.writeUIntLE(height - 1, 15, 3);
  const riff = Buffer.alloc(12);
  riff.write('RIFF', 0, 'latin1');
  riff.writeUInt32LE(4 + vp8x.length, 4);
  riff.write('WEBP', 8, 'latin1');
  return Buffer.concat([riff, vp8x]);
}

/** A lossless WebP (VP8L) header declaring `width` × `height`, with a few bytes of data. */
export function webpVp8lHeader(width: number, height: number): Buffer {
  const data = Buffer.alloc(16);
  data[0] = 0x2f;
  data.writeUInt32LE(((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14), 1);
  const chunk = Buffer.concat([Buffer.from('VP8L', 'latin1'), Buffer.alloc(4), data]);
  chunk.writeUInt32LE(data.length, 4);
  const riff = Buffer.alloc(12);
  riff.write('RIFF', 0, 'latin1');
  riff.writeUInt32LE(4 + chunk.length, 4);
  riff.write('WEBP', 8, 'latin1');
  return Buffer.concat([riff, chunk]);
}

/** Overwrites every `ispe` (image spatial extent) box of an AVIF with `width` × `height`. */
export function patchAvifSize(avif: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(avif);
  let found = 0;
  for (let i = out.indexOf('ispe'); i !== -1; i = out.indexOf('ispe', i + 4)) {
    out.writeUInt32BE(width, i + 8);
    out.writeUInt32BE(height, i + 12);
    found += 1;
  }
  if (!found) throw new Error('No ispe box in this AVIF.');
  return out;
}

/** An ISO media file whose brand is HEIC (as iPhones write), with a tiny meta and mdat. */
export function heicLike(): Buffer {
  const ftyp = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1')]);
  const meta = Buffer.concat([Buffer.from([0, 0, 0, 12]), Buffer.from('meta\0\0\0\0', 'latin1')]);
  const mdat = Buffer.concat([Buffer.from([0, 0, 0, 16]), Buffer.from('mdat', 'latin1'), Buffer.alloc(8)]);
  return Buffer.concat([ftyp, meta, mdat]);
}

/** A minimal Windows bitmap header (BM) of 2 × 2 pixels. */
export function bmp(): Buffer {
  const b = Buffer.alloc(70);
  b.write('BM', 0, 'latin1');
  b.writeUInt32LE(70, 2);
  b.writeUInt32LE(54, 10);
  b.writeUInt32LE(40, 14);
  b.writeInt32LE(2, 18);
  b.writeInt32LE(2, 22);
  b.writeUInt16LE(1, 26);
  b.writeUInt16LE(24, 28);
  return b;
}

/** A ZIP local-file header carrying the payload marker, as appended by a polyglot. */
export function zipPayload(): Buffer {
  const name = Buffer.from('payload.html', 'latin1');
  const content = Buffer.from(`<html><script>alert('${PAYLOAD_MARKER}')</script></html>`, 'latin1');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt32LE(content.length, 18);
  header.writeUInt32LE(content.length, 22);
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([header, name, content]);
}
