import type { BlockNode, BodyDocument, InlineNode } from '@/lib/articles/body-schema';

function inlineText(content: InlineNode[] | undefined): string {
  return (content ?? []).map((n) => (n.type === 'text' ? n.text : '\n')).join('');
}

function blockText(node: BlockNode): string {
  switch (node.type) {
    case 'paragraph':
    case 'heading':
      return inlineText(node.content);
    case 'image':
      return [node.attrs.caption, node.attrs.credit].filter(Boolean).join(' ');
    case 'bulletList':
    case 'orderedList':
      return node.content.map((item) => item.content.map(blockText).join('\n')).join('\n');
    case 'blockquote':
      return node.content.map(blockText).join('\n');
    case 'horizontalRule':
      return '';
  }
}

/** Plain text of a body, one block a line, for the search index and reading time. */
export function bodyToPlainText(doc: BodyDocument): string {
  return doc.content
    .map(blockText)
    .filter((t) => t.length > 0)
    .join('\n');
}

/** Minutes a reader needs at 230 words a minute, at least 1. */
export function readingTimeMinutes(text: string): number {
  const words = text.split(/\s+/).filter(Boolean).length;
  return Math.max(1, Math.round(words / 230));
}
