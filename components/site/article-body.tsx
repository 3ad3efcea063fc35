import { Picture } from '@/components/site/picture';
import type { ReactNode } from 'react';
import type { BlockNode, BodyDocument, ImageNode, InlineNode, ListItemNode } from '@/lib/articles/body-schema';
import { isMediaPath } from '@/lib/routes';
import { isSafeUrl } from '@/lib/text/safe-url';

/**
 * Renders a validated body document with our own components: only known nodes and marks, text always
 * escaped by React, link URLs re-checked. Nothing from the document is ever set as raw HTML.
 */
export function ArticleBody({ body }: { body: BodyDocument }) {
  return <>{body.content.map((node, i) => renderBlock(node, i))}</>;
}

function renderInline(nodes: InlineNode[] | undefined): ReactNode {
  return (nodes ?? []).map((node, i) => {
    if (node.type === 'hardBreak') return <br key={i} />;
    let el: ReactNode = node.text;
    for (const mark of node.marks ?? []) {
      if (mark.type === 'bold') el = <strong>{el}</strong>;
      else if (mark.type === 'italic') el = <em>{el}</em>;
      else if (mark.type === 'link' && isSafeUrl(mark.attrs.href)) {
        const external = /^https?:/i.test(mark.attrs.href);
        el = (
          <a href={mark.attrs.href} rel={external ? 'noopener noreferrer' : undefined}>
            {el}
          </a>
        );
      }
    }
    return <span key={i}>{el}</span>;
  });
}

function renderListItem(item: ListItemNode, i: number) {
  return <li key={i}>{item.content.map((child, k) => renderBlock(child, k))}</li>;
}

function BodyImage({ node }: { node: ImageNode }) {
  const { src, alt, caption, credit, width, height } = node.attrs;
  if (!isSafeUrl(src, { allowMailto: false })) return null;
  const picture =
    isMediaPath(src) && width && height ? (
      <Picture src={src} alt={alt} width={width} height={height} sizes="(min-width: 768px) 680px, 100vw" className="h-auto w-full" />
    ) : (
      // eslint-disable-next-line @next/next/no-img-element -- remote images have unknown size; next/image needs one
      <img src={src} alt={alt} loading="lazy" decoding="async" className="h-auto w-full" />
    );
  return (
    <figure>
      {picture}
      {(caption || credit) && (
        <figcaption>
          {caption}
          {credit && <span className="ml-1 text-neutral-600">{caption ? ' ' : ''}Photograph: {credit}</span>}
        </figcaption>
      )}
    </figure>
  );
}

function renderBlock(node: BlockNode, key: number): ReactNode {
  switch (node.type) {
    case 'paragraph':
      return node.content?.length ? <p key={key}>{renderInline(node.content)}</p> : null;
    case 'heading':
      return node.attrs.level === 2 ? <h2 key={key}>{renderInline(node.content)}</h2> : <h3 key={key}>{renderInline(node.content)}</h3>;
    case 'bulletList':
      return <ul key={key}>{node.content.map(renderListItem)}</ul>;
    case 'orderedList':
      return (
        <ol key={key} start={node.attrs?.start}>
          {node.content.map(renderListItem)}
        </ol>
      );
    case 'blockquote':
      return <blockquote key={key}>{node.content.map((child, k) => renderBlock(child, k))}</blockquote>;
    case 'horizontalRule':
      return <hr key={key} />;
    case 'image':
      return <BodyImage key={key} node={node} />;
  }
}
