#!/usr/bin/env node
// Runs the Prisma CLI fully offline. Every npm script that needs Prisma goes through here:
//
//   node scripts/prisma-cli.mjs migrate dev --name init
//   import { runPrisma } from './prisma-cli.mjs'; const code = await runPrisma(['generate']);
//
// Prisma 7 would otherwise download a native schema engine (and its checksum) from
// binaries.prisma.sh on every migrate/db command and phone home for update checks.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SCHEMA_ENGINE_SHIM = path.join(root, 'scripts', 'prisma-schema-engine.mjs');

/** The environment Prisma needs to stay off the network. */
export function prismaEnv(env = process.env) {
  return {
    ...env,
    // The CLI runs whatever executable this names instead of downloading the native engine.
    // `prisma generate` only checks that the file exists. An explicit value wins (escape hatch
    // for machines that do have the native binary).
    PRISMA_SCHEMA_ENGINE_BINARY: env.PRISMA_SCHEMA_ENGINE_BINARY || SCHEMA_ENGINE_SHIM,
    // If some code path still reaches the engine download logic, don't fail on the missing
    // .sha256 checksum file (which would need the network too).
    PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING: '1',
    // No checkpoint (version check + usage telemetry) request to checkpoint.prisma.io.
    CHECKPOINT_DISABLE: '1',
    // No "update available" banner (it is computed from the checkpoint response).
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  };
}

function prismaBin() {
  // node_modules/.bin/prisma is a symlink to prisma/build/index.js; run it with this Node so the
  // call works the same whatever the shebang/PATH (and on Windows, where .bin holds .cmd shims).
  const bin = path.join(root, 'node_modules', '.bin', 'prisma');
  try {
    return fs.realpathSync(bin);
  } catch {
    return path.join(root, 'node_modules', 'prisma', 'build', 'index.js');
  }
}

/**
 * Run `prisma <args>` with inherited stdio. Resolves to the exit code (signals map to 128+n).
 * @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, cwd?: string }} [options]
 * @returns {Promise<number>}
 */
export function runPrisma(args, { env = process.env, cwd = process.cwd() } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [prismaBin(), ...args], { stdio: 'inherit', env: prismaEnv(env), cwd });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      const signals = { SIGINT: 2, SIGTERM: 15, SIGKILL: 9 };
      resolve(code ?? 128 + (signals[signal] ?? 1));
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href) {
  process.exitCode = await runPrisma(process.argv.slice(2));
}
