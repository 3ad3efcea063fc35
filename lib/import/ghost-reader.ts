import Assembler from 'stream-json/assembler.js';
import { jsonParser } from 'stream-json/parser.js';

/**
 * Streams a Ghost export (Settings → Labs → Export: `{ "db": [ { "meta": …, "data": { "posts": […], … } } ] }`,
 * or the older `{ "meta", "data" }` without `db`) as rows, one at a time: only one row is ever assembled
 * in memory, whatever the file's size. `tables` says which arrays of `data` to read; the others are
 * skipped token by token. Rows come in file order, so a caller that needs `users` or `posts_tags`
 * before `posts` (Ghost writes them after) reads the file twice. A file cut short or not JSON ends the
 * stream with an `error` record, after every row completed before it.
 */

export type GhostRecord =
  | { type: 'meta'; meta: Record<string, unknown> }
  | { type: 'row'; table: string; row: Record<string, unknown> }
  | { type: 'error'; message: string };

type Token = { name: string; value?: unknown };

/** stream-chain's markers (registered symbols): the end of input, and a result of several tokens. */
const END_OF_INPUT = Symbol.for('object-stream.none');
const SLICE = 4096;

/**
 * The tokens of the JSON text, from stream-json's tokenizer called directly rather than through a Node
 * stream: a stream that fails drops the tokens it had buffered, and with them the last rows before a cut.
 */
async function* tokensOf(chunks: AsyncIterable<string | Buffer>): AsyncGenerator<Token> {
  const parse = jsonParser({ packValues: true, streamValues: false }) as unknown as (
    input: string | symbol,
  ) => { values?: Token[] } | symbol;
  const tokens = (result: { values?: Token[] } | symbol) => (typeof result === 'object' ? (result.values ?? []) : []);
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    for (let i = 0; i < text.length; i += SLICE) yield* tokens(parse(text.slice(i, i + SLICE)));
  }
  const rest = decoder.decode();
  if (rest) yield* tokens(parse(rest));
  yield* tokens(parse(END_OF_INPUT));
}

/** Reads Ghost export bytes and yields the `meta` object and the rows of the tables asked for. */
export async function* readGhost(chunks: AsyncIterable<string | Buffer>, tables: ReadonlySet<string>): AsyncGenerator<GhostRecord> {
  // The path to the current value: object keys and array indexes, as in ['db', 0, 'data', 'posts', 12].
  const path: (string | number)[] = [];
  let asm: Assembler | null = null;
  let assembling: { kind: 'meta' } | { kind: 'row'; table: string } | null = null;
  let sawData = false;

  /** Where a value that starts now sits, with array indexes advanced. */
  const enterValue = () => {
    const last = path[path.length - 1];
    if (typeof last === 'number') path[path.length - 1] = last + 1;
  };
  /** `data`'s place: ['db', n, 'data'] or ['data']. */
  const dataAt = (p: readonly (string | number)[], offset: number) =>
    (p.length === offset + 3 && p[0] === 'db' && p[2] === 'data') || (p.length === offset + 1 && p[0] === 'data');
  const tableOf = (): string | null => {
    // A row is an element of an array that is a property of data: [..., 'data', table, index].
    const n = path.length;
    if (n < 3 || typeof path[n - 1] !== 'number' || typeof path[n - 2] !== 'string') return null;
    return dataAt(path.slice(0, n - 2), 0) ? (path[n - 2] as string) : null;
  };
  const isMeta = () => {
    const n = path.length;
    return path[n - 1] === 'meta' && ((n === 3 && path[0] === 'db') || n === 1);
  };

  try {
    for await (const token of tokensOf(chunks)) {
      if (asm) {
        asm.consume(token as never);
        if (asm.done) {
          // A copy: the assembled strings are slices of the tokenizer's text, and V8 keeps a slice's whole
          // parent alive, so a catalog of ids would otherwise hold on to the file.
          const value = structuredClone(asm.current) as Record<string, unknown>;
          if (assembling?.kind === 'meta') yield { type: 'meta', meta: value };
          else if (assembling?.kind === 'row') yield { type: 'row', table: assembling.table, row: value };
          asm = null;
          assembling = null;
        }
        continue;
      }
      switch (token.name) {
        case 'startObject': {
          enterValue();
          const table = tableOf();
          if ((table && tables.has(table)) || isMeta()) {
            assembling = table ? { kind: 'row', table } : { kind: 'meta' };
            asm = new Assembler();
            asm.consume(token as never);
            break;
          }
          if (dataAt(path, 0)) sawData = true;
          path.push('');
          break;
        }
        case 'startArray':
          enterValue();
          path.push(-1);
          break;
        case 'endObject':
        case 'endArray':
          path.pop();
          break;
        case 'keyValue':
          path[path.length - 1] = String(token.value);
          break;
        default:
          enterValue();
      }
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    yield { type: 'error', message: `The file is not complete JSON (cut short or damaged): ${message.replace(/\s+/g, ' ').slice(0, 200)}` };
    return;
  }
  if (!sawData) yield { type: 'error', message: 'This is not a Ghost export: it has no db[0].data (or data) object.' };
}
