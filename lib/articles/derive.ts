import type { BodyDocument } from '@/lib/articles/body-schema';
import { bodyToPlainText } from '@/lib/articles/body-text';

/** The byline text stored with an article: author names in byline order, comma-separated. */
export function deriveBylineText(authorIds: readonly string[], authors: readonly { id: string; name: string }[]): string {
  return authorIds.map((id) => authors.find((a) => a.id === id)?.name ?? '').filter(Boolean).join(', ');
}

/** The fields the save path derives from the content: plain body text and byline. */
export function deriveArticleText(body: BodyDocument, authorIds: readonly string[], authors: readonly { id: string; name: string }[]) {
  return { bodyText: bodyToPlainText(body), bylineText: deriveBylineText(authorIds, authors) };
}
