/**
 * Pure: which malformed requests proxy.ts answers with a 4xx itself, because what Next would do with
 * them is an HTTP 500 (it treats them as its own failure, not the client's):
 * - a path with a percent-escape that does not decode (`%ZZ`, truncated or overlong UTF-8);
 * - a server action (`Next-Action` header) whose Origin Next's CSRF check refuses;
 * - a server action whose encoded arguments React's `decodeReply` cannot decode. The rules below are
 *   the ones that decoder (react-server-dom, as bundled by Next 16) applies; a body that a real
 *   client's `encodeReply` writes always passes them.
 */

/** A refusal: the status and a short plain message. */
export type Refusal = { status: 400 | 403 | 413; message: string };

/** Next's `serverActions.bodySizeLimit` in next.config.js: a bigger action body is refused before it is read. */
export const ACTION_BODY_LIMIT_BYTES = 16 * 1024 * 1024;

/** How deep arrays and objects may nest in action arguments: React's decoder recurses once per level. */
export const MAX_ACTION_NESTING = 500;

/** React refuses an array tree (arrays directly inside arrays) with more slots than this once it forks. */
const ARRAY_SLOT_LIMIT = 1_000_000;
/** React refuses a BigInt (`$n…`) with more digits than this. */
const BIGINT_DIGIT_LIMIT = 300;

/**
 * `$` forms that stand for a value in place (escaped `$`, undefined, Infinity, -0/-Infinity, NaN, Date,
 * temporary reference, FormData entries, server-only marker), and streams, whose parts React reads as
 * they come (an empty stream has none).
 */
const INLINE_FORMS = new Set(['$', 'u', 'I', '-', 'N', 'D', 'T', 'K', 'H', 'R', 'r', 'X', 'x']);
/** `$<letter><hex id>` forms whose value is another text part (promise, server reference, Map, Set, iterator). */
const TEXT_PART_FORMS = new Set(['@', 'h', 'Q', 'W', 'i']);
/** `$<letter><hex id>` forms whose value is a file part (Blob, ArrayBuffer and typed arrays). */
const FILE_PART_FORMS = new Set(['B', 'A', 'O', 'o', 'U', 'S', 's', 'L', 'l', 'G', 'g', 'M', 'm', 'V']);

/** True when every percent-escape in the path decodes to UTF-8 (what Next needs to match a route). */
export function isDecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/**
 * Next's CSRF rule for server actions, answered 403 instead of Next's 500: an Origin must name the host
 * the request was sent to (the first X-Forwarded-Host, else Host). No Origin at all passes, as in Next.
 */
export function decideActionOrigin({ origin, forwardedHost, host }: { origin: string | null; forwardedHost: string | null; host: string | null }): Refusal | null {
  if (origin === null) return null;
  const target = forwardedHost?.split(',')[0]?.trim() || host;
  let originHost: string;
  try {
    originHost = origin === 'null' ? 'null' : new URL(origin).host;
  } catch {
    return { status: 403, message: 'This request must come from the site itself.' };
  }
  return target && originHost === target ? null : { status: 403, message: 'This request must come from the site itself.' };
}

/**
 * Whether a server action's encoded arguments can be decoded: `root` is the text body or the multipart
 * body's part "0", `part(id)` the other parts of a multipart body (and their text). Refused: text that is
 * not JSON, arguments that are not a list, nesting deeper than MAX_ACTION_NESTING, a reference to a
 * part that is not there (or a Blob reference to a text part), a BigInt React would refuse, and an
 * array tree over React's slot limit. Each referenced text part is checked the same way.
 */
export function decideActionArguments({
  root,
  part = () => undefined,
}: {
  root: string;
  /** Part `id` of a multipart body: a text field with its text, a file, or undefined when absent (always, for a text body). */
  part?: (id: number) => { kind: 'text'; text: string } | { kind: 'file' } | undefined;
}): Refusal | null {
  const refuse = (why: string): Refusal => ({ status: 400, message: `Malformed server action request: ${why}.` });
  const checked = new Set<number>([0]);
  const pending: { id: number; text: string }[] = [{ id: 0, text: root }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    let model: unknown;
    try {
      model = JSON.parse(next.text);
    } catch {
      return refuse(next.id === 0 ? 'the arguments are not JSON' : `part ${next.id} is not JSON`);
    }
    if (next.id === 0 && !Array.isArray(model)) return refuse('the arguments are not a list');
    const problem = walk(model, (id, file) => {
      if (id === 0 && !file) return null; // the root itself (a cycle)
      const found = part(id);
      if (!found) return `it refers to part ${Number.isNaN(id) ? '(none)' : id}, which is not there`;
      if (file !== (found.kind === 'file')) return `part ${id} is not the kind of value that refers to it`;
      if (found.kind === 'text' && !checked.has(id)) {
        checked.add(id);
        pending.push({ id, text: found.text });
      }
      return null;
    });
    if (problem) return refuse(problem);
  }
  return null;
}

/**
 * Walks one decoded part as React's reviver does; `reference(id, blob)` judges each reference to
 * another part. The first problem found, or null.
 */
function walk(model: unknown, reference: (id: number, file: boolean) => string | null): string | null {
  type Frame = { value: unknown; depth: number; tree: { slots: number; fork: boolean } | null };
  const stack: Frame[] = [{ value: model, depth: 0, tree: null }];
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    const { value, depth, tree } = frame;
    if (typeof value === 'string') {
      const problem = stringProblem(value, reference);
      if (problem) return problem;
      if (tree) {
        tree.slots += value.startsWith('$n') ? value.length - 2 : value.startsWith('$$') ? value.length - 1 : value.startsWith('$') ? 0 : value.length;
        if (tree.fork && tree.slots > ARRAY_SLOT_LIMIT) return 'an array holds too many items';
      }
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_ACTION_NESTING) return `the arguments nest deeper than ${MAX_ACTION_NESTING} levels`;
    if (Array.isArray(value)) {
      // Arrays directly inside arrays share one count; an object starts a fresh one for its children.
      const own = tree ?? { slots: 0, fork: false };
      if (value.length > 1) own.fork = true;
      own.slots += value.length + 1;
      if (own.fork && own.slots > ARRAY_SLOT_LIMIT) return 'an array holds too many items';
      for (const item of value) stack.push({ value: item, depth: depth + 1, tree: own });
    } else {
      for (const item of Object.values(value)) stack.push({ value: item, depth: depth + 1, tree: null });
    }
  }
  return null;
}

/** What is wrong with one string of the arguments as React reads it (`$…` strings are references), or null. */
function stringProblem(value: string, reference: (id: number, file: boolean) => string | null): string | null {
  if (!value.startsWith('$')) return null;
  const form = value[1] ?? '';
  if (form === 'n') {
    const digits = value.slice(2);
    return digits.length > BIGINT_DIGIT_LIMIT || !/^-?\d+$/.test(digits) ? 'it holds a BigInt React cannot read' : null;
  }
  if (INLINE_FORMS.has(form)) return null;
  if (FILE_PART_FORMS.has(form)) return reference(parseInt(value.slice(2), 16), true);
  // `$<hex id>[:path]` (an outlined object), or a letter form naming a text part.
  const id = TEXT_PART_FORMS.has(form) ? value.slice(2) : value.slice(1);
  return reference(parseInt(id.split(':')[0]!, 16), false);
}
