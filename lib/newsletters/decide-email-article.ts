import { decideDisclosure } from '@/lib/articles/decide-disclosure';
import type { BlockNode, BodyDocument, InlineNode } from '@/lib/articles/body-schema';
import type { EmailArticle } from '@/lib/newsletters/article-email';

const inline = (content: InlineNode[] | undefined) =>
  (content ?? [])
    .map((n) => (n.type === 'text' ? n.text : ' '))
    .join('')
    .trim();

function blocksOf(node: BlockNode): NonNullable<EmailArticle['body']> {
  switch (node.type) {
    case 'paragraph':
      return [{ kind: 'paragraph', text: inline(node.content) }];
    case 'heading':
      return [{ kind: 'heading', text: inline(node.content) }];
    case 'bulletList':
    case 'orderedList':
      return node.content.flatMap((item, i) =>
        item.content.flatMap(blocksOf).map((b) => ({ ...b, text: `${node.type === 'bulletList' ? '•' : `${i + 1}.`} ${b.text}` })),
      );
    case 'blockquote':
      return node.content.flatMap(blocksOf).map((b) => ({ ...b, text: `“${b.text}”` }));
    case 'image':
    case 'horizontalRule':
      return [];
  }
}

/** An article body as an email's paragraphs and subheadings (images and rules left out, empty lines dropped). Pure. */
export function emailBodyOf(doc: BodyDocument): NonNullable<EmailArticle['body']> {
  return doc.content.flatMap(blocksOf).filter((b) => b.text.length > 0);
}

/**
 * An article as a newsletter email shows it: headline, standfirst, link, byline with roles and
 * organisations, hero with alt and credit, the site's sponsored or partner label, and the whole text
 * when the newsletter sends full text. Pure.
 */
export function decideEmailArticle(
  a: {
    headline: string;
    standfirst: string;
    url: string;
    sponsored: boolean;
    campaign: { partnerName: string | null; disclosureLabel: string | null } | null;
    authors: { name: string; jobTitle: string | null; organisation: string | null }[];
    hero: { url: string; alt: string; credit: string } | null;
    body: BodyDocument;
  },
  { fullText }: { fullText: boolean },
): EmailArticle {
  return {
    headline: a.headline,
    standfirst: a.standfirst,
    url: a.url,
    byline: a.authors.map((x) => ({ name: x.name, role: x.jobTitle, organisation: x.organisation })),
    hero: a.hero ? { url: a.hero.url, alt: a.hero.alt, credit: a.hero.credit } : null,
    disclosure: decideDisclosure({ sponsored: a.sponsored, campaign: a.campaign }),
    ...(fullText ? { body: emailBodyOf(a.body) } : {}),
  };
}
