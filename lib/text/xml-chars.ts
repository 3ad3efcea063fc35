/**
 * Removes what XML 1.0 forbids in a document (C0 controls other than tab, newline and carriage return,
 * U+FFFE, U+FFFF and lone UTF-16 surrogates), so text from editors can never make a feed or sitemap
 * malformed. Everything else is kept as it is; escaping is the serialiser's job.
 */
export function removeInvalidXmlChars(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
}
