// @ts-check
/**
 * Writes a brotli copy (`<file>.br`, quality 11) beside every script and style sheet of the production
 * build in `.next/static/`, for scripts/serve.mjs to send as is. Runs after `next build` (`npm run
 * build`) and again when the server starts, which only compresses what is missing, so a build made by
 * plain `next build` is served precompressed too. Each copy is written to a temporary name and renamed,
 * so a server starting at the same time never reads half a file.
 *
 * Run directly: `node scripts/precompress-assets.mjs [project folder]`.
 */
import { randomBytes } from 'node:crypto';
import { readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { precompressedType } from './lib/decide-static-asset.mjs';

const brotli = promisify(zlib.brotliCompress);

/**
 * Brotli copies for the build in `projectDir/.next/static`; returns the asset paths (relative to that
 * folder) that have an up-to-date `.br` copy, and how many were written now. Throws when there is no build.
 * @param {string} projectDir
 * @returns {Promise<{ assets: Map<string, number>; written: number }>} asset path → size of its .br copy
 */
export async function precompressStaticAssets(projectDir) {
  const staticDir = path.join(projectDir, '.next', 'static');
  const entries = await readdir(staticDir, { withFileTypes: true, recursive: true });
  const files = entries
    .filter((entry) => entry.isFile() && precompressedType(entry.name))
    .map((entry) => path.relative(staticDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
  /** @type {Map<string, number>} */
  const assets = new Map();
  let written = 0;
  await Promise.all(
    files.map(async (file) => {
      const source = path.join(staticDir, file);
      const target = `${source}.br`;
      const [sourceStat, targetStat] = await Promise.all([stat(source), stat(target).catch(() => null)]);
      if (targetStat && targetStat.mtimeMs >= sourceStat.mtimeMs) {
        assets.set(file, targetStat.size);
        return;
      }
      const raw = await readFile(source);
      const compressed = await brotli(raw, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
      });
      const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(temporary, compressed);
      await rename(temporary, target);
      assets.set(file, compressed.length);
      written += 1;
    }),
  );
  return { assets, written };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const projectDir = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '..'));
  precompressStaticAssets(projectDir).then(
    ({ assets, written }) => console.log(`Brotli copies of the build assets: ${assets.size} (${written} written now).`),
    (error) => {
      console.error(`Precompressing .next/static failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
