import type { BlockNode, BodyDocument, ImageNode, InlineNode, ListItemNode } from '@/lib/articles/body-schema';
import { isSafeUrl } from '@/lib/text/safe-url';

/**
 * A body document as an HTML string, for places that need markup as text (RSS `content:encoded`), where
 * React cannot escape for us. Only `p h2 h3 ul ol li blockquote strong em br a[href] img[src alt]` are
 * emitted; every text and attribute value is escaped; link and image URLs must pass `isSafeUrl`, are made
 * absolute against `baseUrl` (feed readers have no page to resolve `/media/…` against), and only http(s)
 * survives (mailto links become their text). Unknown nodes produce nothing.
 */
export function bodyToHtml(doc: BodyDocument, { baseUrl }: { baseUrl: string }): string {
  return doc.content.map((node) => block(node, baseUrl)).join('');
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `text` safe as HTML text or a double-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** An absolute http(s) URL for `raw` resolved against `baseUrl`, or null when it is unsafe or another scheme. */
function httpUrl(raw: string, baseUrl: string, { allowMailto = true } = {}): string | null {
  if (!isSafeUrl(raw, { allowMailto })) return null;
  try {
    const url = new URL(raw, baseUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function inline(nodes: InlineNode[] | undefined, baseUrl: string): string {
  return (nodes ?? [])
    .map((node) => {
      if (node.type === 'hardBreak') return '<br>';
      let html = escapeHtml(node.text);
      for (const mark of node.marks ?? []) {
        if (mark.type === 'bold') html = `<strong>${html}</strong>`;
        else if (mark.type === 'italic') html = `<em>${html}</em>`;
        else if (mark.type === 'link') {
          const href = httpUrl(mark.attrs.href, baseUrl);
          if (href) html = `<a href="${escapeHtml(href)}">${html}</a>`;
        }
      }
      return html;
    })
    .join('');
}

function listItem(item: ListItemNode, baseUrl: string): string {
  return `<li>${item.content.map((child) => block(child, baseUrl)).join('')}</li>`;
}

function image(node: ImageNode, baseUrl: string): string {
  const src = httpUrl(node.attrs.src, baseUrl, { allowMailto: false });
  if (!src) return '';
  const { caption, credit } = node.attrs;
  const line = [caption, credit && `Photograph: ${credit}`].filter(Boolean).join(' ');
  return `<p><img src="${escapeHtml(src)}" alt="${escapeHtml(node.attrs.alt ?? '')}"></p>${line ? `<p><em>${escapeHtml(line)}</em></p>` : ''}`;
}

function block(node: BlockNode, baseUrl: string): string {
  switch (node.type) {
    case 'paragraph':
      return node.content?.length ? `<p>${inline(node.content, baseUrl)}</p>` : '';
    case 'heading':
      return node.attrs.level === 2 ? `<h2>${inline(node.content, baseUrl)}</h2>` : `<h3>${inline(node.content, baseUrl)}</h3>`;
    case 'bulletList':
      return `<ul>${node.content.map((item) => listItem(item, baseUrl)).join('')}</ul>`;
    case 'orderedList':
      return `<ol>${node.content.map((item) => listItem(item, baseUrl)).join('')}</ol>`;
    case 'blockquote':
      return `<blockquote>${node.content.map((child) => block(child, baseUrl)).join('')}</blockquote>`;
    case 'image':
      return image(node, baseUrl);
    default:
      // horizontalRule, and anything a future schema adds before this renderer learns it.
      return '';
  }
}
