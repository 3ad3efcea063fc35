import type { BlockNode, BodyDocument, ImageNode, InlineNode, ListItemNode } from '@/lib/articles/body-schema';

/**
 * What the import changes in a converted body, pure: links to the old site become paths on this one
 * (so the redirects of the imported posts answer them once the domain moves), and each image points
 * at its copy in the media library, or is left out when it could not be had.
 */

/** An image as the media library holds it, or why it is missing. */
export type LibraryCopy = { id: string; src: string; width: number; height: number } | { missing: string };

/** `href` as a path on this site when it points at the old site (same origin, under its folder), else unchanged. */
export function siteRelativeHref(href: string, siteUrl: string | null): string {
  if (!siteUrl || !/^https?:\/\//i.test(href)) return href;
  let url: URL;
  let site: URL;
  try {
    url = new URL(href);
    site = new URL(siteUrl);
  } catch {
    return href;
  }
  const folder = site.pathname.replace(/\/+$/, '');
  const sameOrigin = url.host.replace(/^www\./, '') === site.host.replace(/^www\./, '');
  if (!sameOrigin || (folder && url.pathname !== folder && !url.pathname.startsWith(`${folder}/`))) return href;
  return `${url.pathname}${url.search}${url.hash}` || '/';
}

function rewriteInline(nodes: InlineNode[] | undefined, siteUrl: string | null): InlineNode[] | undefined {
  return nodes?.map((n) =>
    n.type === 'text' && n.marks
      ? {
          ...n,
          marks: n.marks.map((m) =>
            m.type === 'link' ? { ...m, attrs: { ...m.attrs, href: siteRelativeHref(m.attrs.href, siteUrl) } } : m,
          ),
        }
      : n,
  );
}

/**
 * The body with old-site links made relative and images swapped for their library copies
 * (`copyOf(src)`); a missing image is left out and its reason added to `missing`.
 */
export function rewriteImportedBody(
  body: BodyDocument,
  { siteUrl, copyOf, missing }: { siteUrl: string | null; copyOf: (src: string) => LibraryCopy; missing: string[] },
): BodyDocument {
  const item = (li: ListItemNode): ListItemNode => ({ ...li, content: li.content.map((c) => block(c) as typeof c) });
  const block = (node: BlockNode): BlockNode | null => {
    switch (node.type) {
      case 'paragraph':
      case 'heading':
        return { ...node, content: rewriteInline(node.content, siteUrl) } as BlockNode;
      case 'bulletList':
      case 'orderedList':
        return { ...node, content: node.content.map(item) };
      case 'blockquote':
        return { ...node, content: node.content.map((c) => block(c) as typeof c) };
      case 'image': {
        const copy = copyOf(node.attrs.src);
        if ('missing' in copy) {
          missing.push(`the image ${node.attrs.src} (${copy.missing})`);
          return null;
        }
        const attrs: ImageNode['attrs'] = { ...node.attrs, src: copy.src, imageId: copy.id, width: copy.width, height: copy.height };
        return { type: 'image', attrs };
      }
      default:
        return node;
    }
  };
  const content = body.content.map(block).filter((b): b is BlockNode => b !== null);
  return { type: 'doc', content: content.length ? content : [{ type: 'paragraph' }] };
}
