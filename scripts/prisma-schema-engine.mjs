#!/usr/bin/env node
// Offline stand-in for Prisma's native `schema-engine` binary (PostgreSQL only).
//
// The Prisma 7 CLI downloads a native schema engine on every migrate/db command unless
// PRISMA_SCHEMA_ENGINE_BINARY names an executable; scripts/prisma-cli.mjs points it here. We speak
// the binary's protocol and delegate the real work to @prisma/schema-engine-wasm, which talks to
// PostgreSQL through @prisma/adapter-pg. The CLI invokes us in three ways:
//
//   schema-engine --version
//   schema-engine --datasource '{"url":...}' cli can-connect-to-database|create-database|drop-database
//       success = exit 0; failure = exit 1 with JSON log lines on stderr. The CLI DROPS THE FIRST
//       stderr line and looks for {level:"ERROR",target:"schema_engine::logger",fields:{error_code,message}}.
//   schema-engine [--datamodels <file>]... [--datasource '{"url","shadowDatabaseUrl"}']
//       JSON-RPC 2.0, one message per line: requests on stdin, responses on stdout; we may send
//       {"method":"print","params":{"content"}} requests for text the CLI must print (migrate diff).
//       stderr carries JSON log lines; the CLI reports the last ERROR one if we exit non-zero.
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

const require = createRequire(import.meta.url);
const pg = require('pg');
const { parse: parsePgUrl } = require('pg-connection-string');
const { PrismaPg } = require('@prisma/adapter-pg');
const { bindMigrationAwareSqlAdapterFactory, DriverAdapterError, ColumnTypeEnum } = require('@prisma/driver-adapter-utils');

// Trap: without a registry, a wasm panic calls `global.PRISMA_WASM_PANIC_REGISTRY.set_message` on
// undefined and the user only sees "Cannot read properties of undefined (reading 'set_message')".
globalThis.PRISMA_WASM_PANIC_REGISTRY = {
  message: '',
  get() {
    return this.message;
  },
  set_message(m) {
    this.message = `RuntimeError: ${m}`;
  },
};

const log = (level, message, extra = {}) =>
  process.stderr.write(
    `${JSON.stringify({ timestamp: new Date().toISOString(), level, fields: { message, ...extra }, target: 'schema_engine::logger' })}\n`,
  );

/** A user-facing engine error (Prisma P-code), rendered by the CLI as "<code>: <message>". */
class EngineError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

// ---------------------------------------------------------------------------------------------
// Connection settings
// ---------------------------------------------------------------------------------------------

/**
 * Trap: `new PrismaPg({ connectionString })` lets the URL's database win over any `database` we
 * add later (pg merges the parsed URL last), so the adapter's own shadow database silently became
 * the MAIN database: migrations were replayed into it and a shadow reset could wipe it. We therefore
 * parse the URL once and only ever hand pg discrete host/port/user/password/database fields.
 */
function pgSettings(url) {
  if (!url) throw new EngineError('P1013', 'The datasource URL is empty: set DATABASE_URL (read by prisma.config.ts).');
  if (!/^postgres(ql)?:\/\//i.test(url))
    throw new EngineError(
      'P1013',
      'The provided database string is invalid: only postgresql:// URLs are supported by this offline schema engine.',
    );
  const p = parsePgUrl(url);
  const config = {
    host: p.host || 'localhost',
    port: Number(p.port) || 5432,
    user: p.user || undefined,
    password: p.password || undefined,
    database: p.database || 'postgres',
  };
  if (p.ssl !== undefined) config.ssl = p.ssl;
  if (p.options) config.options = p.options;
  config.application_name = p.application_name || 'prisma-schema-engine-offline';
  return { config, schema: p.schema || 'public' };
}

const where = (c) => (c.host?.startsWith('/') ? `unix:${c.host}` : `${c.host}:${c.port}`);
const quoteIdent = (s) => `"${String(s).replaceAll('"', '""')}"`;

/** Map a pg/socket error to the P-code and message the native engine would give. */
function toEngineError(e, config) {
  if (e instanceof EngineError) return e;
  switch (e?.code) {
    case '3D000':
      return new EngineError('P1003', `Database \`${config.database}\` does not exist on the database server at \`${where(config)}\`.`);
    case '28P01':
    case '28000':
      return new EngineError(
        'P1000',
        `Authentication failed against database server at \`${where(config)}\`, the provided database credentials for \`${config.user ?? ''}\` are not valid.\n\nPlease make sure to provide valid database credentials for the database server at \`${where(config)}\`.`,
      );
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENOENT':
    case 'ECONNRESET':
      return new EngineError(
        'P1001',
        `Can't reach database server at \`${where(config)}\`\n\nPlease make sure your database server is running at \`${where(config)}\`.`,
      );
    case 'ETIMEDOUT':
      return new EngineError('P1002', `The database server at \`${where(config)}\` was reached but timed out.`);
    case '42P04':
      return new EngineError('P1009', `Database \`${config.database}\` already exists on the database server at \`${where(config)}\``);
    default:
      return new EngineError('P1000', `${e?.message ?? e} (database server at \`${where(config)}\`)`);
  }
}

/**
 * Trap: a pg Pool never opens a socket until the first query, so "can connect" checks that only
 * build a pool always succeed - and `migrate dev` against a missing database then exited 0 having
 * done nothing. Every check here really connects and runs SELECT 1.
 */
async function withClient(config, fn) {
  const client = new pg.Client({ ...config, connectionTimeoutMillis: 10_000 });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (e) {
    throw toEngineError(e, config);
  }
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}
const checkConnection = (config) => withClient(config, (c) => c.query('SELECT 1'));

/** Run admin SQL (CREATE/DROP DATABASE) from the server's `postgres` database (or template1). */
async function withAdmin(config, fn) {
  try {
    return await withClient({ ...config, database: 'postgres' }, fn);
  } catch (e) {
    if (e.code !== 'P1003') throw e;
    return withClient({ ...config, database: 'template1' }, fn);
  }
}

async function createDatabase(config) {
  await withAdmin(config, async (c) => {
    try {
      await c.query(`CREATE DATABASE ${quoteIdent(config.database)}`);
    } catch (e) {
      throw toEngineError(e, config);
    }
  });
  return config.database;
}

async function dropDatabase(config) {
  await withAdmin(config, async (c) => {
    try {
      await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(config.database)} WITH (FORCE)`);
    } catch (e) {
      if (e.code !== '42601') throw e; // PostgreSQL < 13 has no WITH (FORCE)
      await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [
        config.database,
      ]);
      await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(config.database)}`);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Driver adapter
// ---------------------------------------------------------------------------------------------

// Catalog types that adapter-pg refuses to deserialize but that are plain text on the wire.
const TEXTUAL_OIDS = new Set([
  19 /* name */, 22 /* int2vector */, 24 /* regproc */, 28 /* xid */, 30 /* oidvector */, 194 /* pg_node_tree */, 1033 /* aclitem */,
  2205 /* regclass */, 2206 /* regtype */,
]);
const CHAR_OID = 18; // PostgreSQL's internal one-byte "char" (pg_constraint.contype, pg_class.relkind, ...)

let adapterPatched = false;
/**
 * Trap: adapter-pg throws "Column type 'char' could not be deserialized" for the `"char"` (OID 18)
 * catalog columns the engine reads (and chokes on other catalog types). We let the adapter read
 * them as text, but report `"char"` columns to the engine as Character: PostgreSQL 18 stores every
 * NOT NULL as a pg_constraint row with contype 'n' (so does any CHECK on 15), and the engine panics
 * when that column arrives typed as Text.
 * Also: adapter-pg's executeScript splits scripts on ';' (breaking functions, DO blocks, and string
 * literals in migrations); we send the script as one simple query, as the native engine does.
 */
function patchAdapter(adapter) {
  if (!adapterPatched) {
    adapterPatched = true;
    const queryable = Object.getPrototypeOf(Object.getPrototypeOf(adapter)); // PgQueryable.prototype
    const originalQueryRaw = queryable.queryRaw;
    queryable.queryRaw = async function queryRaw(query) {
      const result = await this.performIO(query);
      const charColumns = [];
      const fields = result.fields.map((field, i) => {
        if (field.dataTypeID === CHAR_OID) charColumns.push(i);
        if (field.dataTypeID === CHAR_OID || TEXTUAL_OIDS.has(field.dataTypeID)) return { ...field, dataTypeID: 25 };
        return field;
      });
      // Re-run the adapter's own conversion on the already-fetched rows with the rewritten types.
      const view = Object.create(this, { performIO: { value: async () => ({ fields, rows: result.rows }) } });
      const converted = await originalQueryRaw.call(view, query);
      for (const i of charColumns) converted.columnTypes[i] = ColumnTypeEnum.Character;
      return converted;
    };
  }
  adapter.executeScript = async function executeScript(script) {
    try {
      await this.client.query(script);
    } catch (error) {
      this.onError(error);
    }
  };
  return adapter;
}

/** Errors thrown from adapter callbacks reach the engine as DriverAdapterError payloads. */
const asAdapterError = (e) =>
  e instanceof DriverAdapterError
    ? e
    : new DriverAdapterError({ kind: 'postgres', code: e.code ?? 'N/A', severity: 'ERROR', message: e.message });

class OfflinePgFactory {
  provider = 'postgres';
  adapterName = '@prisma/adapter-pg';
  shadowDatabases = new Set();
  pendingDrops = new Set();

  constructor(datasource) {
    this.datasource = datasource;
  }

  main() {
    return pgSettings(this.datasource?.url);
  }

  async connect() {
    const { config, schema } = this.main();
    return patchAdapter(await new PrismaPg(config, { schema }).connect());
  }

  /**
   * Trap: adapter-pg's own connectToShadowDb (a) inherits the URL's database (see pgSettings) and
   * (b) drops the shadow database while its pool is still open, which fails and leaves a
   * prisma_migrate_shadow_db_* database behind on every `migrate dev`. We create it ourselves and,
   * on dispose, close the pool before DROP DATABASE ... WITH (FORCE).
   * With datasource.shadowDatabaseUrl we use that database instead, after emptying it (like the
   * native engine); it must not be the main database.
   */
  async connectToShadowDb() {
    try {
      const main = this.main();
      if (this.datasource?.shadowDatabaseUrl) {
        const { config, schema } = pgSettings(this.datasource.shadowDatabaseUrl);
        if (config.database === main.config.database && where(config) === where(main.config)) {
          throw new EngineError(
            'P3014',
            'The shadow database you configured appears to be the same as the main database. Please specify another shadow database.',
          );
        }
        await withClient(config, (c) =>
          c.query(`DO $$ DECLARE s text; BEGIN
          FOR s IN SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' LOOP
            EXECUTE format('DROP SCHEMA %I CASCADE', s);
          END LOOP;
          EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I', '${schema.replaceAll("'", "''")}');
        END $$`),
        );
        return patchAdapter(await new PrismaPg(config, { schema }).connect());
      }
      const config = { ...main.config, database: `prisma_migrate_shadow_db_${randomUUID()}` };
      await createDatabase(config);
      this.shadowDatabases.add(config.database);
      const adapter = patchAdapter(await new PrismaPg(config, { schema: main.schema }).connect());
      const release = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await release(); // closes the pool: its connections would block the DROP
        await this.dropShadow(config);
      };
      return adapter;
    } catch (e) {
      throw asAdapterError(e);
    }
  }

  dropShadow(config) {
    if (!this.shadowDatabases.delete(config.database)) return Promise.resolve();
    const drop = dropDatabase(config)
      .catch((e) => log('WARN', `Could not drop shadow database ${config.database}: ${e.message}`))
      .finally(() => this.pendingDrops.delete(drop));
    this.pendingDrops.add(drop);
    return drop;
  }

  /**
   * Before exiting (the CLI SIGTERMs us right after its last request): finish drops under way and
   * drop shadow databases the engine never disposed (errors, interrupted commands).
   */
  async cleanup() {
    if (this.shadowDatabases.size) {
      const main = this.main().config;
      for (const database of [...this.shadowDatabases]) this.dropShadow({ ...main, database });
    }
    await Promise.all([...this.pendingDrops]);
  }
}

// ---------------------------------------------------------------------------------------------
// Wasm engine
// ---------------------------------------------------------------------------------------------

/** The package's entry point uses `import * from "*.wasm"`, which Node 20 cannot load: instantiate by hand. */
async function loadWasm() {
  const bgPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const bg = await import(bgPath);
  const bytes = fs.readFileSync(bgPath.replace(/\.js$/, '.wasm'));
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bg });
  bg.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return bg;
}

function wasmVersion() {
  const dir = path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
  const { version } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  return version.split('.').pop();
}

// ---------------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------------

function parseArgs(argv) {
  const args = { datamodels: [], datasource: undefined, cli: undefined, version: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--version' || a === '-V') args.version = true;
    else if (a === '--datamodels') args.datamodels.push(argv[++i]);
    else if (a === '--datasource') args.datasource = JSON.parse(argv[++i]);
    else if (a === '--enabled-preview-features' || a === '--extension-types') i++;
    else if (a === 'cli') args.cli = argv[++i];
  }
  return args;
}

async function runCli(command, datasource) {
  // Trap: the CLI discards the first stderr line, so an error written first shows as a blank message.
  log('INFO', `Starting offline schema engine (wasm): cli ${command}`);
  try {
    const { config } = pgSettings(datasource?.url);
    if (command === 'can-connect-to-database') {
      await checkConnection(config);
    } else if (command === 'create-database') {
      await createDatabase(config);
      process.stdout.write(`Database '${config.database}' was successfully created.\n`);
    } else if (command === 'drop-database') {
      await dropDatabase(config);
      process.stdout.write(`The database was successfully dropped.\n`);
    } else {
      throw new EngineError('P1000', `Unknown schema engine cli command: ${command}`);
    }
    return 0;
  } catch (e) {
    const err = e instanceof EngineError ? e : toEngineError(e, {});
    log('ERROR', err.message, { error_code: err.code });
    return 1;
  }
}

/** Prisma's migrations table, exactly as the native engine creates it. */
const MIGRATIONS_TABLE = (schema) => `CREATE TABLE IF NOT EXISTS ${quoteIdent(schema)}."_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

async function runRpcServer(args) {
  const datamodels = args.datamodels.length ? args.datamodels.map((p) => [p, fs.readFileSync(p, 'utf8')]) : undefined;
  const factory = new OfflinePgFactory(args.datasource);
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  /**
   * One engine instance per process, like the native binary: its MigrationSchemaCache carries the
   * schema that devDiagnostic/diagnoseMigrationHistory computed on the shadow database over to
   * evaluateDataLoss/createMigration, which cannot reach the shadow database themselves.
   */
  let enginePromise;
  const engine = () =>
    (enginePromise ??= loadWasm().then((bg) =>
      bg.SchemaEngine.new({ datamodels }, (line) => process.stderr.write(line.endsWith('\n') ? line : `${line}\n`), bound),
    ));

  const urlOf = (datasourceParam) => (datasourceParam?.tag === 'ConnectionString' ? datasourceParam.url : args.datasource?.url);

  /**
   * Trap: the wasm engine expects `_prisma_migrations` to exist (P1014 otherwise; here: its
   * diagnoseMigrationHistory silently skips the shadow database and leaves the cache empty).
   * Only created where migrate dev needs it, so `migrate deploy` on a non-empty, unmanaged
   * database still stops with P3005 instead of treating it as managed.
   */
  const ensureMigrationsTable = async () => {
    const { config, schema } = factory.main();
    await withClient(config, async (c) => {
      await c.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
      await c.query(MIGRATIONS_TABLE(schema));
    });
  };

  let nextPrintId = 1_000_000;
  const send = (msg) => process.stdout.write(`${JSON.stringify(msg)}\n`);

  const handlers = {
    async ensureConnectionValidity(p) {
      await checkConnection(pgSettings(urlOf(p?.datasource)).config);
      return {};
    },
    async getDatabaseVersion(p) {
      return withClient(pgSettings(urlOf(p?.datasource)).config, async (c) => (await c.query('SELECT version()')).rows[0].version);
    },
    async createDatabase(p) {
      return { databaseName: await createDatabase(pgSettings(urlOf(p?.datasource)).config) };
    },
    async diff(p) {
      const { stdout, ...rest } = await (await engine()).diff(p);
      // The native engine prints through a JSON-RPC "print" request; the CLI relies on it.
      if (stdout) send({ jsonrpc: '2.0', id: nextPrintId++, method: 'print', params: { content: stdout.replace(/\n$/, '') } });
      return rest;
    },
  };
  const needsShadowSchema = new Set(['evaluateDataLoss', 'createMigration']);
  const methodAlias = { getDatabaseVersion: 'version' };

  async function handle(req) {
    if (handlers[req.method]) return handlers[req.method](req.params);
    const method = methodAlias[req.method] ?? req.method;
    const eng = await engine();
    if (typeof eng[method] !== 'function')
      throw new EngineError('P1000', `Method not supported by the offline schema engine: ${req.method}`);
    if (needsShadowSchema.has(method)) {
      // Trap: evaluateDataLoss and createMigration only read the migrations' schema from the cache
      // ("PostgreSQL shadow DB must be provided through an external factory" on a miss), and
      // devDiagnostic skips the shadow database when the database is behind - which is exactly
      // the state `migrate dev` is in before it applies pending migrations. Fill the cache first.
      await ensureMigrationsTable();
      await eng.diagnoseMigrationHistory({
        migrationsList: req.params.migrationsList,
        optInToShadowDatabase: true,
        filters: req.params.filters,
      });
    }
    return eng[method](req.params);
  }

  function errorResponse(id, e) {
    const panicked = e?.name === 'RuntimeError' || e instanceof WebAssembly.RuntimeError;
    const registryError = typeof e?.id === 'number' ? bound.errorRegistry.consumeError(e.id)?.error : undefined;
    const err = registryError ?? e;
    let code = err?.code && /^P\d{4}$/.test(err.code) ? err.code : undefined;
    const full = String(panicked ? PRISMA_WASM_PANIC_REGISTRY.get() || err?.message : (err?.message ?? err));
    // The wasm engine appends a span trace ("   0: schema_engine_wasm::...") that means nothing to users.
    let message = full.replace(/\n\s+0: [\s\S]*$/, '');
    // ...except that it names the migration whose script failed: report it like the native P3018.
    const failed = /apply_script\s+with migration_name="([^"]+)"/.exec(full);
    if (!code && failed) {
      code = 'P3018';
      message = `A migration failed to apply. New migrations cannot be applied before the error is recovered from. Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve\n\nMigration name: ${failed[1]}\n\nDatabase error:\n${message}`;
    }
    log('ERROR', message, code ? { error_code: code } : {});
    return {
      jsonrpc: '2.0',
      id,
      error: {
        code: 4466,
        message: 'An error happened. Check the data field for details.',
        data: { is_panic: panicked, message, error_code: code, meta: err?.meta ?? {}, error: panicked ? { message } : undefined },
      },
    };
  }

  const cleanupAndExit = async (code) => {
    await factory.cleanup();
    process.exit(code);
  };
  process.on('SIGTERM', () => cleanupAndExit(0));
  process.on('SIGINT', () => cleanupAndExit(130));

  // One request at a time, in order, like the native engine.
  let queue = Promise.resolve();
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  rl.on('line', (line) => {
    if (!line.trim()) return;
    let msg;
    try {
      msg = JSON.parse(line);
    } catch {
      return log('WARN', `Ignoring malformed JSON-RPC line: ${line.slice(0, 200)}`);
    }
    if (msg.method === undefined) return; // the CLI's replies to our "print" requests
    queue = queue.then(async () => {
      try {
        send({ jsonrpc: '2.0', id: msg.id, result: (await handle(msg)) ?? null });
      } catch (e) {
        send(errorResponse(msg.id, e));
        if (e?.name === 'RuntimeError') await cleanupAndExit(101); // a panicked wasm instance is unusable
      }
    });
  });
  rl.on('close', () => queue.then(() => cleanupAndExit(0)));
}

const args = parseArgs(process.argv.slice(2));
if (args.version) {
  process.stdout.write(`schema-engine-cli ${wasmVersion()} (offline wasm shim, scripts/prisma-schema-engine.mjs)\n`);
} else if (args.cli) {
  process.exitCode = await runCli(args.cli, args.datasource);
} else {
  await runRpcServer(args);
}
