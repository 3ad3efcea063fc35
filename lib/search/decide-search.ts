/** Private-use characters that ts_headline puts around matches; never present in stored text. */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

/** Longest query accepted; longer input is cut, not rejected. */
export const MAX_QUERY_LENGTH = 200;

/** Trims and bounds a reader's query; empty means "no search yet". Control characters are dropped. */
export function normaliseQuery(raw: string | string[] | undefined): string {
  const value = Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '');
  return value.replace(/[\u0000-\u001f\u007f\uE000\uE001]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY_LENGTH);
}

export type SnippetPart = { text: string; match: boolean };

/** Splits a ts_headline result into plain and highlighted parts, for rendering without raw HTML. */
export function splitHighlights(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let rest = snippet;
  while (rest.length > 0) {
    const start = rest.indexOf(MARK_START);
    if (start === -1) {
      parts.push({ text: rest, match: false });
      break;
    }
    if (start > 0) parts.push({ text: rest.slice(0, start), match: false });
    const end = rest.indexOf(MARK_END, start + 1);
    const stop = end === -1 ? rest.length : end;
    parts.push({ text: rest.slice(start + 1, stop), match: true });
    rest = end === -1 ? '' : rest.slice(end + 1);
  }
  return parts.filter((p) => p.text.length > 0);
}
