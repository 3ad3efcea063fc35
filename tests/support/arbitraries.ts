import fc from 'fast-check';

/**
 * fast-check generators of hostile URLs: scheme names in mixed case with tabs, newlines, controls,
 * entities, percent-escapes and Unicode look-alikes spliced in, beside ordinary web URLs and raw
 * strings. Shared by the property tests of the URL check and the body renderer.
 */
const pieces = [
  'javascript', 'JaVaScRiPt', 'java', 'script', 'vbscript', 'data', 'file', 'blob', 'about', 'http', 'https', 'mailto', 'ftp', 'ws',
  ':', '://', '/', '//', '\\', '?', '#', '.', '..', '@', 'evil.example', 'masthead.test', 'alert(1)', 'text/html,', ';base64,',
  '\t', '\n', '\r', '\u0000', '\u0001', '\u001f', ' ', '\u007f', '\u0085', '\u00a0', '\u00ad', '\u200b', '\u2028', '\u2029', '\ufeff', '\u3000',
  '&#58;', '&colon;', '&#x3a;', '&#0000058', '%3a', '%3A', '%09', '%0a', '%00', '%2f', '＆', '：', 'ｊａｖａ', 'ſ', 'ı', 'K',
];

/** A string made of URL-ish pieces: the space where scheme checks go wrong. */
export const trickyUrl = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''));

/** A known-dangerous URL with a character spliced in at a random position. */
export const splicedJavascriptUrl = fc
  .tuple(fc.constantFrom('javascript:alert(1)', 'vbscript:msgbox(1)', 'data:text/html,<script>alert(1)</script>'), fc.nat(), fc.constantFrom(...pieces), fc.boolean())
  .map(([url, at, insert, upper]) => {
    const i = at % (url.length + 1);
    const s = url.slice(0, i) + insert + url.slice(i);
    return upper ? s.toUpperCase() : s;
  });

/** Any URL-like input: hostile pieces, spliced schemes, real web URLs, relative paths and arbitrary Unicode. */
export const anyUrl = fc.oneof(
  trickyUrl,
  splicedJavascriptUrl,
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.webPath().map((p) => `/${p}`),
  fc.string({ unit: 'binary', maxLength: 40 }),
);
