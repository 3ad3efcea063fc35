/**
 * Makes sure `.next` holds a production build of the current sources: runs `next build` when there is
 * none, or when a source file (app/, components/, lib/, next.config.js, package-lock.json …) changed
 * after it. Used by `npm run bench` and `npm run budget`; run directly: `tsx scripts/lib/production-build.ts`.
 */
import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from './database';

const sourceDirs = ['app', 'components', 'lib', 'public'];
const sourceFiles = ['next.config.js', 'package-lock.json', 'postcss.config.mjs', 'tsconfig.json'];

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    if (full.includes(`${path.sep}generated${path.sep}`)) continue;
    if (/\.test\.tsx?$/.test(entry.name)) continue;
    const s = await stat(full).catch(() => null);
    if (s && s.mtimeMs > newest) newest = s.mtimeMs;
  }
  return newest;
}

/** Why a build is needed, or null when `.next` is up to date. */
export async function buildNeeded(): Promise<string | null> {
  const built = await stat(path.join(projectRoot, '.next', 'BUILD_ID')).catch(() => null);
  if (!built) return 'there is no production build yet';
  let newest = 0;
  for (const dir of sourceDirs) newest = Math.max(newest, await newestMtime(path.join(projectRoot, dir)));
  for (const file of sourceFiles) newest = Math.max(newest, (await stat(path.join(projectRoot, file)).catch(() => null))?.mtimeMs ?? 0);
  return newest > built.mtimeMs ? 'sources changed since the last build' : null;
}

/** Runs `next build` when buildNeeded() says so; throws when the build fails. */
export async function ensureProductionBuild(log: (line: string) => void = console.log): Promise<void> {
  const reason = await buildNeeded();
  if (!reason) {
    log('Production build is up to date (.next).');
    return;
  }
  log(`Building the production app (${reason})…`);
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(projectRoot, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
      cwd: projectRoot,
      stdio: 'inherit',
      env: Object.assign({ ...process.env }, { NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' }),
    });
    child.on('error', reject);
    child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
  });
  if (code !== 0) throw new Error('`next build` failed; see above.');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureProductionBuild().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
