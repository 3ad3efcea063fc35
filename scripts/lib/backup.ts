/**
 * Backup and restore of a running Masthead: the database and the media (a folder, or a media store
 * such as the S3 bucket of MEDIA_STORAGE=s3, read and written through its MediaStorage).
 *
 * Consistency: the database is read in ONE repeatable-read snapshot (exported with
 * pg_export_snapshot, so pg_dump, the row counts and the list of referenced media all see the same
 * moment). Media files are copied after that. Media are write-once files with random names, written
 * before the row that references them, so every file the snapshot references already exists when the
 * copy starts; a file deleted in between is reported in the manifest as missing. From a folder every
 * media file in it is copied; from a store (which cannot list), the images the snapshot references.
 *
 * Two database formats, chosen automatically:
 * - `pg_dump`: a custom-format dump, when a pg_dump whose major version is ≥ the server's is installed
 *   (the system one, /usr/lib/postgresql/<v>/bin, or PG_DUMP). Restored with pg_restore.
 * - `snapshot-json`: otherwise (the embedded PostgreSQL 18 package ships no pg_dump), every table's rows
 *   as NDJSON read in the same snapshot. Restored into a database migrated to the same migrations.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import pg from 'pg';
import { parseMediaEnv } from '@/lib/env';
import { createConfiguredStorage, describeMediaStorage } from '@/lib/media/configured-storage';
import { isValidStorageKey, type MediaStorage } from '@/lib/media/storage';
import { migrateDatabase } from './database';

export type BackupManifest = {
  format: 'masthead-backup/1';
  createdAt: string;
  database: {
    engine: 'pg_dump' | 'snapshot-json';
    serverVersion: string;
    /** `pg_dump (PostgreSQL) 18.1` for the pg_dump engine, null for snapshot-json. */
    pgDumpVersion: string | null;
    /** Files inside the backup folder with their sha256. */
    files: { path: string; sha256: string }[];
    rowCounts: Record<string, number>;
    migrations: string[];
  };
  media: {
    files: { key: string; bytes: number; sha256: string }[];
    /** Storage keys referenced by the snapshot but gone from the media folder or store when the copy ran. */
    missing: string[];
  };
};

type Log = (line: string) => void;

/** Where the media are copied from and restored to: a folder, or a store named `mediaLabel` in messages. */
export type MediaLocation = { mediaDir: string } | { mediaStorage: MediaStorage; mediaLabel: string };

/** The media of `env`: the bucket of MEDIA_STORAGE=s3, or the folder MEDIA_DIR (default `<dataRoot>/media`). */
export function mediaLocationFromEnv(dataRoot: string, env: Record<string, string | undefined> = process.env): MediaLocation {
  const settings = parseMediaEnv({ ...env, MEDIA_DIR: env.MEDIA_DIR || path.join(dataRoot, 'media') });
  if (settings.storage === 'file') return { mediaDir: settings.dir };
  return { mediaStorage: createConfiguredStorage(settings), mediaLabel: describeMediaStorage(settings) };
}

const mediaLabelOf = (media: MediaLocation) => ('mediaDir' in media ? media.mediaDir : media.mediaLabel);
const BATCH = 500;

/** Folder name for a backup made at `date`: 2026-11-27T17-45-03-123Z. */
export function backupFolderName(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function runTool(file: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, LC_MESSAGES: 'C' };
    for (const key of Object.keys(env)) if (key.startsWith('PG') && key !== 'PG_DUMP') delete env[key];
    const child = spawn(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Major version from `pg_dump (PostgreSQL) 15.20 (Debian …)`, or null. */
export function parseToolMajor(versionLine: string): number | null {
  const match = /\(PostgreSQL\)\s+(\d+)/.exec(versionLine);
  return match ? Number(match[1]) : null;
}

/** The newest installed `tool` (pg_dump or pg_restore) whose major version is ≥ `minMajor`, or null. */
export async function findPgTool(tool: 'pg_dump' | 'pg_restore', minMajor: number): Promise<{ file: string; version: string } | null> {
  const candidates: string[] = [];
  const explicit = tool === 'pg_dump' ? process.env.PG_DUMP : process.env.PG_RESTORE;
  if (explicit) candidates.push(explicit);
  const versions = await fs.readdir('/usr/lib/postgresql').catch(() => [] as string[]);
  for (const v of versions) candidates.push(path.join('/usr/lib/postgresql', v, 'bin', tool));
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (dir) candidates.push(path.join(dir, tool));
  let best: { file: string; version: string; major: number } | null = null;
  for (const file of candidates) {
    const result = await runTool(file, ['--version']).catch(() => null);
    if (!result || result.code !== 0) continue;
    const major = parseToolMajor(result.stdout);
    if (major === null || major < minMajor) continue;
    if (!best || major > best.major) best = { file, version: result.stdout.trim(), major };
  }
  return best && { file: best.file, version: best.version };
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  return client;
}

async function publicTables(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ tablename: string }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  return rows.map((r) => r.tablename);
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function copyMedia(media: MediaLocation, referenced: string[], target: string): Promise<BackupManifest['media']['files']> {
  await fs.mkdir(target, { recursive: true });
  const files: BackupManifest['media']['files'] = [];
  if ('mediaStorage' in media) {
    for (const key of [...new Set(referenced)].filter(isValidStorageKey).sort()) {
      const bytes = await media.mediaStorage.get(key);
      if (!bytes) continue; // reported as missing
      await fs.writeFile(path.join(target, key), bytes);
      files.push({ key, bytes: bytes.length, sha256: sha256(bytes) });
    }
    return files;
  }
  const names = (await fs.readdir(media.mediaDir).catch(() => [] as string[])).filter(isValidStorageKey).sort();
  for (const key of names) {
    const destination = path.join(target, key);
    await fs.copyFile(path.join(media.mediaDir, key), destination);
    const stat = await fs.stat(destination);
    files.push({ key, bytes: stat.size, sha256: await sha256File(destination) });
  }
  return files;
}

/**
 * Writes a consistent backup of the database at `databaseUrl` and the media (`mediaDir` or `mediaStorage`)
 * into a new folder `<outRoot>/<timestamp>/` (or exactly `outDir`), with manifest.json. The site may keep running.
 */
export async function createBackup(options: MediaLocation & {
  databaseUrl: string;
  outRoot?: string;
  outDir?: string;
  /** 'auto' (default): pg_dump when a compatible one is installed. */
  engine?: 'auto' | 'pg_dump' | 'snapshot-json';
  log?: Log;
}): Promise<{ dir: string; manifest: BackupManifest }> {
  const log = options.log ?? (() => {});
  const createdAt = new Date();
  const dir = options.outDir ?? path.join(options.outRoot ?? 'backups', backupFolderName(createdAt));
  const existing = await fs.readdir(dir).catch(() => null);
  if (existing && existing.length > 0) throw new Error(`${dir} already exists and is not empty; choose another --out.`);
  await fs.mkdir(path.join(dir, 'database'), { recursive: true });

  const client = await connect(options.databaseUrl);
  let manifest: BackupManifest;
  try {
    const serverVersion = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
    const serverMajor = Number((await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0]!.v.slice(0, -4));
    const pgDump = options.engine === 'snapshot-json' ? null : await findPgTool('pg_dump', serverMajor);
    if (options.engine === 'pg_dump' && !pgDump) {
      throw new Error(`No pg_dump of major version ≥ ${serverMajor} is installed (set PG_DUMP to one, or use the snapshot-json engine).`);
    }

    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const snapshot = (await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0]!.id;
    const tables = await publicTables(client);
    const rowCounts: Record<string, number> = {};
    for (const table of tables) {
      rowCounts[table] = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quote(table)}`)).rows[0]!.n);
    }
    const migrations = tables.includes('_prisma_migrations')
      ? (
          await client.query<{ migration_name: string }>(
            'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name',
          )
        ).rows.map((r) => r.migration_name)
      : [];
    const referenced = tables.includes('Image')
      ? (await client.query<{ storageKey: string }>('SELECT "storageKey" FROM "Image"')).rows.map((r) => r.storageKey)
      : [];

    const files: BackupManifest['database']['files'] = [];
    if (pgDump) {
      log(`Dumping the database with ${pgDump.version} (snapshot ${snapshot})…`);
      const file = path.join(dir, 'database', 'masthead.dump');
      const result = await runTool(pgDump.file, [
        '--format=custom',
        '--no-owner',
        '--no-privileges',
        `--snapshot=${snapshot}`,
        `--file=${file}`,
        `--dbname=${options.databaseUrl}`,
      ]);
      if (result.code !== 0) throw new Error(`pg_dump failed (exit ${result.code}): ${result.stderr.trim()}`);
      files.push({ path: 'database/masthead.dump', sha256: await sha256File(file) });
    } else {
      log(`No pg_dump ≥ ${serverMajor} installed: writing every table as NDJSON from the snapshot…`);
      for (const table of tables) {
        if (table === '_prisma_migrations') continue;
        const relative = `database/${table}.ndjson`;
        const out = createWriteStream(path.join(dir, relative));
        const cursor = `backup_${table.replace(/\W/g, '_')}`;
        await client.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR SELECT to_jsonb(t)::text AS row FROM ${quote(table)} t`);
        for (;;) {
          const { rows } = await client.query<{ row: string }>(`FETCH ${BATCH} FROM ${cursor}`);
          for (const r of rows) if (!out.write(`${r.row}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
          if (rows.length < BATCH) break;
        }
        await client.query(`CLOSE ${cursor}`);
        await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
        files.push({ path: relative, sha256: await sha256File(path.join(dir, relative)) });
      }
    }
    await client.query('COMMIT');

    log(`Copying media from ${mediaLabelOf(options)}…`);
    const mediaFiles = await copyMedia(options, referenced, path.join(dir, 'media'));
    const copied = new Set(mediaFiles.map((f) => f.key));
    const missing = referenced.filter((key) => !copied.has(key)).sort();
    if (missing.length) log(`WARNING: ${missing.length} media file(s) referenced by the database were not in ${mediaLabelOf(options)}: ${missing.slice(0, 5).join(', ')}`);

    manifest = {
      format: 'masthead-backup/1',
      createdAt: createdAt.toISOString(),
      database: { engine: pgDump ? 'pg_dump' : 'snapshot-json', serverVersion, pgDumpVersion: pgDump?.version ?? null, files, rowCounts, migrations },
      media: { files: mediaFiles, missing },
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
  await fs.writeFile(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { dir, manifest };
}

/** Reads manifest.json and checks every file of the backup against its sha256; throws on any difference. */
export async function verifyBackup(dir: string): Promise<BackupManifest> {
  const text = await fs.readFile(path.join(dir, 'manifest.json'), 'utf8').catch(() => null);
  if (text === null) throw new Error(`${dir} is not a Masthead backup: it has no manifest.json.`);
  const manifest = JSON.parse(text) as BackupManifest;
  if (manifest.format !== 'masthead-backup/1') throw new Error(`${dir}/manifest.json has an unknown format (${String(manifest.format)}).`);
  const problems: string[] = [];
  for (const file of manifest.database.files) {
    const actual = await sha256File(path.join(dir, file.path)).catch(() => 'missing');
    if (actual !== file.sha256) problems.push(`${file.path} (${actual === 'missing' ? 'missing' : 'checksum differs'})`);
  }
  for (const file of manifest.media.files) {
    if (!isValidStorageKey(file.key)) problems.push(`media/${file.key} (not a valid media name)`);
    const actual = await sha256File(path.join(dir, 'media', file.key)).catch(() => 'missing');
    if (actual !== file.sha256) problems.push(`media/${file.key} (${actual === 'missing' ? 'missing' : 'checksum differs'})`);
  }
  if (problems.length) throw new Error(`The backup in ${dir} is damaged; nothing was restored. Bad files: ${problems.join(', ')}`);
  return manifest;
}

/** Rows in the database's public tables, ignoring Prisma's migration history. */
export async function countContentRows(url: string): Promise<number> {
  const client = await connect(url);
  try {
    let total = 0;
    for (const table of await publicTables(client)) {
      if (table === '_prisma_migrations') continue;
      total += Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quote(table)}`)).rows[0]!.n);
    }
    return total;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Restores the backup in `dir` into `databaseUrl` and the media folder or store. Refuses a database that
 * holds any rows, a media folder with files, or a store that holds any of the backup's images, unless
 * `force` (then the database's tables are replaced and the images written again).
 */
export async function restoreBackup(options: MediaLocation & { dir: string; databaseUrl: string; force?: boolean; log?: Log }): Promise<BackupManifest> {
  const log = options.log ?? (() => {});
  const manifest = await verifyBackup(options.dir);
  if (!options.force) {
    const rows = await countContentRows(options.databaseUrl);
    if (rows > 0) {
      throw new Error(
        `The target database is not empty (${rows} rows). Restoring replaces everything in it: run again with --force if that is what you want.`,
      );
    }
    if ('mediaDir' in options) {
      const media = (await fs.readdir(options.mediaDir).catch(() => [] as string[])).filter(isValidStorageKey);
      if (media.length > 0) {
        throw new Error(`The media folder ${options.mediaDir} already holds ${media.length} files. Run again with --force to restore into it anyway.`);
      }
    } else {
      for (const file of manifest.media.files) {
        if (await options.mediaStorage.exists(file.key)) {
          throw new Error(`The media store ${options.mediaLabel} already holds images of this backup (${file.key}). Run again with --force to restore into it anyway.`);
        }
      }
    }
  }

  if (manifest.database.engine === 'pg_dump') {
    const major = parseToolMajor(manifest.database.pgDumpVersion ?? '') ?? 0;
    const pgRestore = await findPgTool('pg_restore', major);
    if (!pgRestore) throw new Error(`This backup was made with ${manifest.database.pgDumpVersion}; restoring it needs pg_restore ${major} or newer (set PG_RESTORE).`);
    log(`Restoring the database with ${pgRestore.version}…`);
    const result = await runTool(pgRestore.file, [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--no-privileges',
      '--single-transaction',
      '--exit-on-error',
      `--dbname=${options.databaseUrl}`,
      path.join(options.dir, 'database', 'masthead.dump'),
    ]);
    if (result.code !== 0) throw new Error(`pg_restore failed (exit ${result.code}); the database was left unchanged: ${result.stderr.trim()}`);
  } else {
    await restoreSnapshotJson(options.dir, manifest, options.databaseUrl, log);
  }

  log(`Restoring ${manifest.media.files.length} media files into ${mediaLabelOf(options)}…`);
  if ('mediaStorage' in options) {
    for (const file of manifest.media.files) await options.mediaStorage.put(file.key, await fs.readFile(path.join(options.dir, 'media', file.key)));
    return manifest;
  }
  await fs.mkdir(options.mediaDir, { recursive: true });
  for (const file of manifest.media.files) {
    const target = path.join(options.mediaDir, file.key);
    const tmp = `${target}.restore.tmp`;
    await fs.copyFile(path.join(options.dir, 'media', file.key), tmp);
    await fs.rename(tmp, target);
  }
  return manifest;
}

async function restoreSnapshotJson(dir: string, manifest: BackupManifest, url: string, log: Log): Promise<void> {
  log('Bringing the target database to the schema of this checkout…');
  await migrateDatabase(url);
  const client = await connect(url);
  try {
    const applied = (
      await client.query<{ migration_name: string }>(
        'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name',
      )
    ).rows.map((r) => r.migration_name);
    if (applied.join('\n') !== manifest.database.migrations.join('\n')) {
      throw new Error(
        `The backup was made at schema migrations [${manifest.database.migrations.join(', ')}] but this checkout has [${applied.join(', ')}]. Restore with the matching version of Masthead, then upgrade.`,
      );
    }
    const tables = (await publicTables(client)).filter((t) => t !== '_prisma_migrations');
    log(`Loading ${tables.length} tables…`);
    await client.query('BEGIN');
    // Rows go in table by table; foreign keys and triggers (the search vector is restored as stored) wait.
    await client.query("SET LOCAL session_replication_role = 'replica'");
    await client.query(`TRUNCATE ${tables.map(quote).join(', ')} CASCADE`);
    for (const table of tables) {
      const file = path.join(dir, 'database', `${table}.ndjson`);
      if (!manifest.database.files.some((f) => f.path === `database/${table}.ndjson`)) {
        throw new Error(`The backup has no data for table ${table}.`);
      }
      let batch: string[] = [];
      const flush = async () => {
        if (!batch.length) return;
        await client.query(`INSERT INTO ${quote(table)} SELECT * FROM jsonb_populate_recordset(NULL::${quote(table)}, $1::jsonb)`, [
          `[${batch.join(',')}]`,
        ]);
        batch = [];
      };
      for await (const line of readline.createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
        if (!line) continue;
        batch.push(line);
        if (batch.length >= BATCH) await flush();
      }
      await flush();
      const count = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quote(table)}`)).rows[0]!.n);
      if (count !== (manifest.database.rowCounts[table] ?? 0)) {
        throw new Error(`Table ${table}: restored ${count} rows, the backup's manifest says ${manifest.database.rowCounts[table] ?? 0}.`);
      }
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}
