import { renderStaticMarkup as renderToStaticMarkup } from '@/lib/newsletters/render-markup';
import { ArticleEmail, bylineText, type EmailArticle, type EmailFrame } from '@/lib/newsletters/article-email';

/** Wraps text at `width` columns on spaces (a word longer than the line keeps its own line). */
export function wrapText(text: string, width = 76): string {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(line);
  }
  return lines.join('\n');
}

function textOf(article: EmailArticle): string {
  return [
    article.disclosure ? article.disclosure.label.toUpperCase() : null,
    article.headline,
    '='.repeat(Math.min(76, article.headline.length)),
    article.standfirst ? wrapText(article.standfirst) : null,
    article.byline.length ? wrapText(`By ${bylineText(article.byline)}`) : null,
    article.hero?.credit ? article.hero.credit : null,
    ...(article.body ?? []).map((b) => (b.kind === 'heading' ? `\n${b.text}` : wrapText(b.text))),
    `Read it: ${article.url}`,
  ]
    .filter((part): part is string => part !== null && part !== '')
    .join('\n\n');
}

/**
 * The email of one newsletter send: the subject (the headline, or the newsletter's name and the first
 * headline for a digest), the HTML from our own React component (escaped by React; inline styles;
 * table layout) and the plain-text part with the same content and every link written out. Pure.
 */
export function renderNewsletterEmail({ frame, articles }: { frame: EmailFrame; articles: EmailArticle[] }): {
  subject: string;
  html: string;
  text: string;
} {
  if (articles.length === 0) throw new Error('A newsletter email has at least one article.');
  const subject =
    articles.length === 1 ? articles[0]!.headline : `${frame.newsletterName}: ${articles[0]!.headline} and ${articles.length - 1} more`;
  const html = `<!DOCTYPE html>${renderToStaticMarkup(<ArticleEmail frame={frame} articles={articles} />)}`;
  const text = [
    `${frame.siteName} · ${frame.newsletterName}`,
    ...articles.map(textOf),
    wrapText(`You get ${frame.newsletterName} from ${frame.siteName} because you subscribed and confirmed your address.`),
    `Unsubscribe: ${frame.unsubscribeUrl}`,
    `Your newsletters and data: ${frame.preferencesUrl}`,
  ].join('\n\n');
  return { subject: subject.replace(/[\r\n]+/g, ' ').slice(0, 200), html, text };
}
