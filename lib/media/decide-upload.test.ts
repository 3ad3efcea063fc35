import { describe, expect, it } from 'vitest';
import { decideUpload, MAX_UPLOAD_BYTES } from '@/lib/media/decide-upload';
import {
  bmp,
  heicLike,
  jpegWithComment,
  patchAvifSize,
  patchJpegSize,
  PAYLOAD_MARKER,
  pngWithHeader,
  realImage,
  webpVp8lHeader,
  webpVp8xHeader,
  zipPayload,
} from '../../tests/support/image-files';

const text = (s: string) => Buffer.from(s, 'utf8');

describe('decideUpload', () => {
  it.each(['jpeg', 'png', 'webp', 'avif'] as const)('accepts a real %s and reads its size from the header', async (format) => {
    expect(decideUpload(await realImage(format, 64, 48))).toEqual({ ok: true, format, width: 64, height: 48 });
  });

  it('reads the size of a lossless WebP (VP8L) and an extended one (VP8X)', async () => {
    expect(decideUpload(webpVp8lHeader(300, 200))).toMatchObject({ ok: true, format: 'webp', width: 300, height: 200 });
    expect(decideUpload(webpVp8xHeader(1200, 800))).toMatchObject({ ok: true, format: 'webp', width: 1200, height: 800 });
  });

  it('refuses an empty file and one over the size limit', () => {
    expect(decideUpload(new Uint8Array())).toMatchObject({ ok: false, reason: 'empty', message: expect.stringMatching(/empty/) });
    const big = Buffer.alloc(MAX_UPLOAD_BYTES + 1);
    big.set([0xff, 0xd8, 0xff, 0xe0]);
    expect(decideUpload(big)).toMatchObject({ ok: false, reason: 'too-large', message: 'The file is 15.1 MB; the limit is 15 MB. Export a smaller image.' });
    expect(decideUpload(big.subarray(0, MAX_UPLOAD_BYTES))).not.toMatchObject({ reason: 'too-large' });
  });

  it('names the formats it recognises but does not accept', async () => {
    const cases: [Buffer, RegExp][] = [
      [await realImage('gif'), /GIF/],
      [await realImage('tiff'), /TIFF/],
      [bmp(), /BMP/],
      [heicLike(), /HEIC/],
      [text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), /SVG/],
      [text('%PDF-1.7\n'), /PDF/],
      [zipPayload(), /ZIP/],
    ];
    for (const [bytes, named] of cases) {
      const decision = decideUpload(bytes);
      expect(decision).toMatchObject({ ok: false, reason: 'unsupported-type' });
      expect(decision.ok || decision.message).toMatch(named);
      expect(decision.ok || decision.message).toMatch(/JPEG, PNG, WebP or AVIF/);
    }
  });

  it('trusts the bytes, not the name: text and random bytes are refused', () => {
    expect(decideUpload(text('just some notes, saved as photo.jpg'))).toMatchObject({ ok: false, reason: 'unsupported-type', message: expect.stringMatching(/whatever its name says/) });
    expect(decideUpload(Buffer.from([0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77]))).toMatchObject({ ok: false, reason: 'unsupported-type' });
  });

  it('refuses pixel floods from the header alone', async () => {
    const flood = [
      pngWithHeader({ width: 20_000, height: 20_000 }),
      patchJpegSize(await realImage('jpeg'), 20_000, 20_000),
      webpVp8xHeader(16_384, 16_384),
      webpVp8lHeader(16_384, 16_384),
      patchAvifSize(await realImage('avif'), 20_000, 20_000),
      pngWithHeader({ width: 30_000, height: 10 }),
    ];
    for (const bytes of flood) expect(decideUpload(bytes)).toMatchObject({ ok: false, reason: 'too-many-pixels', message: expect.stringMatching(/the limit is 50 megapixels/) });
  });

  it('refuses zero dimensions', async () => {
    expect(decideUpload(pngWithHeader({ width: 0, height: 100 }))).toMatchObject({ ok: false, reason: 'zero-dimensions' });
    expect(decideUpload(patchJpegSize(await realImage('jpeg'), 100, 0))).toMatchObject({ ok: false, reason: 'zero-dimensions' });
  });

  it.each(['jpeg', 'png', 'webp', 'avif'] as const)('refuses a %s cut short', async (format) => {
    const whole = await realImage(format, 64, 48);
    for (const keep of [0.5, 0.9]) {
      expect(decideUpload(whole.subarray(0, Math.floor(whole.length * keep)))).toMatchObject({ ok: false, reason: 'truncated', message: expect.stringMatching(/incomplete or damaged/) });
    }
  });

  it('refuses bare signatures', () => {
    expect(decideUpload(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toMatchObject({ ok: false, reason: 'truncated' });
    expect(decideUpload(Buffer.from([0xff, 0xd8, 0xff]))).toMatchObject({ ok: false, reason: 'truncated' });
  });

  it('lets polyglots through to re-encoding (the payload is dropped there), but only when the image itself is whole', async () => {
    const png = await realImage('png');
    expect(decideUpload(Buffer.concat([png, zipPayload()]))).toMatchObject({ ok: true, format: 'png' });
    expect(decideUpload(jpegWithComment(await realImage('jpeg'), `<?php echo '${PAYLOAD_MARKER}'; ?>`))).toMatchObject({ ok: true, format: 'jpeg' });
    expect(decideUpload(Buffer.concat([text('<html>'), png]))).toMatchObject({ ok: false, reason: 'unsupported-type' });
  });
});
