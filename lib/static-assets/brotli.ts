import 'server-only';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompress, constants } from 'node:zlib';
import { promisify } from 'node:util';

const compress = promisify(brotliCompress);
const staticRoot = path.join(process.cwd(), '.next', 'static');
const SEGMENT = /^[A-Za-z0-9_.~-]+$/;

const cache = new Map<string, Promise<Buffer | null>>();

/** True for a path inside .next/static made only of plain segments (no traversal, no hidden files). */
export function isServableStaticPath(segments: string[]): boolean {
  return (
    segments.length > 0 &&
    segments.length <= 8 &&
    segments.every((s) => SEGMENT.test(s) && !s.startsWith('.')) &&
    /\.(js|css)$/.test(segments[segments.length - 1]!)
  );
}

/**
 * The brotli-compressed bytes of a build asset, compressed once per process at the highest quality
 * (assets are immutable: their names carry a content hash), or null when there is no such asset.
 */
export function brotliAsset(segments: string[]): Promise<Buffer | null> {
  const key = segments.join('/');
  let entry = cache.get(key);
  if (!entry) {
    entry = readFile(path.join(staticRoot, ...segments)).then(
      (bytes) => compress(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
      () => null,
    );
    cache.set(key, entry);
  }
  return entry;
}
