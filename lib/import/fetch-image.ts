import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { MAX_UPLOAD_BYTES } from '@/lib/media/decide-upload';

/**
 * Gets the bytes of an image an export points at: from a local folder (`--media-dir`, for newsrooms
 * without internet: matched by the URL's path, then ever shorter tails of it down to the file name), or
 * else downloaded with a time limit and a size cap. Never throws: a missing image is a reason for the
 * report, and the import goes on without it. The bytes still go through the media library's checks.
 */

export type ImageFetchOptions = { mediaDir: string | null; timeoutMs: number; maxBytes?: number };
export type FetchedImage = { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/**
 * The relative paths under a media folder where the file of `url` may be, best match first:
 * `wp-content/uploads/2020/05/a.jpg`, `uploads/2020/05/a.jpg`, `2020/05/a.jpg`, `05/a.jpg`, `a.jpg`.
 * Decoded, without `.` or `..` segments, so nothing outside the folder is ever named.
 */
export function mediaDirCandidates(url: string): string[] {
  let pathname: string;
  try {
    pathname = new URL(url, 'http://old.invalid').pathname;
  } catch {
    return [];
  }
  const segments = pathname
    .split('/')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    })
    .filter((s) => s !== '' && s !== '.' && s !== '..' && !s.includes('/') && !s.includes('\\') && !s.includes('\u0000'));
  return segments.map((_, i) => segments.slice(i).join('/'));
}

async function fromMediaDir(url: string, mediaDir: string, maxBytes: number): Promise<FetchedImage> {
  const root = path.resolve(mediaDir);
  for (const candidate of mediaDirCandidates(url)) {
    const file = path.resolve(root, candidate);
    if (!file.startsWith(root + path.sep)) continue;
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) continue;
    if (info.size > maxBytes) return { ok: false, reason: `its file ${candidate} is larger than ${mb(maxBytes)}` };
    return { ok: true, bytes: new Uint8Array(await readFile(file)) };
  }
  return { ok: false, reason: `it is not in the media folder (looked for ${mediaDirCandidates(url).at(-1) ?? 'a file name'})` };
}

/** Why a download failed, in words. */
function downloadError(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `the download timed out after ${Math.round(timeoutMs / 1000)} s`;
  const code = e?.cause?.code;
  if (code === 'ECONNREFUSED') return 'the server refused the connection';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'its host name does not resolve';
  const why = code ?? e?.cause?.message;
  return `the download failed${why ? ` (${why})` : ''}`;
}

async function download(url: string, timeoutMs: number, maxBytes: number): Promise<FetchedImage> {
  if (!/^https?:\/\//i.test(url)) return { ok: false, reason: 'its address is not http(s)' };
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow', headers: { accept: 'image/*' } });
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      return { ok: false, reason: `the server answered HTTP ${response.status}` };
    }
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > maxBytes) {
      await response.body.cancel();
      return { ok: false, reason: `it is larger than ${mb(maxBytes)}` };
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += chunk.byteLength;
      if (size > maxBytes) return { ok: false, reason: `it is larger than ${mb(maxBytes)}` };
      chunks.push(chunk);
    }
    return { ok: true, bytes: new Uint8Array(Buffer.concat(chunks)) };
  } catch (error) {
    return { ok: false, reason: downloadError(error, timeoutMs) };
  }
}

/** The image's bytes, from the media folder when one is given (no network then), else downloaded. */
export async function fetchImage(
  url: string,
  { mediaDir, timeoutMs, maxBytes = MAX_UPLOAD_BYTES }: ImageFetchOptions,
): Promise<FetchedImage> {
  return mediaDir ? fromMediaDir(url, mediaDir, maxBytes) : download(url, timeoutMs, maxBytes);
}
