/** Shown when text holds characters PostgreSQL cannot store (NUL) or broken UTF-16 (a lone surrogate). */
export const UNSTORABLE_TEXT_MESSAGE = 'Remove the invisible control characters (such as NUL) or broken characters from this text.';

/**
 * True when PostgreSQL can store `text` exactly as given: no NUL character (text and jsonb columns
 * refuse it) and no lone UTF-16 surrogate (jsonb refuses it; a text column would silently replace it).
 */
export function isStorableText(text: string): boolean {
  return !/\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
}
