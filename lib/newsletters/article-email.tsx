/* eslint-disable @next/next/no-img-element, @next/next/no-head-element -- an email, not a Next page: mail clients need a plain <img> and a document <head>. */
import type { Disclosure } from '@/lib/articles/decide-disclosure';

/** One article as an email shows it; every text is plain and escaped by React. */
export type EmailArticle = {
  headline: string;
  standfirst: string;
  url: string;
  byline: { name: string; role: string | null; organisation: string | null }[];
  hero: { url: string; alt: string; credit: string } | null;
  disclosure: Disclosure | null;
  /** Paragraphs and subheadings of the whole text, for a newsletter with full text. */
  body?: { kind: 'paragraph' | 'heading'; text: string }[];
};

/** What every email of a newsletter carries around its articles. */
export type EmailFrame = {
  siteName: string;
  newsletterName: string;
  /** The preheader: the line clients show after the subject. */
  preview: string;
  unsubscribeUrl: string;
  preferencesUrl: string;
};

// Inline styles only, tables for layout, 600 px wide: what Gmail, Outlook and Apple Mail all render.
const font = 'font-family:Georgia,"Times New Roman",serif;';
const sans = 'font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;';
const css = (s: string) =>
  Object.fromEntries(
    s
      .split(';')
      .filter(Boolean)
      .map((d) => {
        const [k, ...v] = d.split(':');
        return [k!.trim().replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()), v.join(':').trim()];
      }),
  );

/** "Neelam Patel, CEO, MedCity and Ada Jones" */
export function bylineText(byline: EmailArticle['byline']): string {
  const people = byline.map((a) => [a.name, a.role, a.organisation].filter(Boolean).join(', '));
  return people.length <= 1 ? (people[0] ?? '') : `${people.slice(0, -1).join('; ')} and ${people.at(-1)}`;
}

function ArticleBlock({ article }: { article: EmailArticle }) {
  return (
    <tr>
      <td style={css('padding:24px 24px 8px')}>
        {article.disclosure ? (
          <p style={css(`${sans}margin:0 0 8px;font-size:12px;font-weight:bold;text-transform:uppercase;color:#7a4b00`)}>
            {article.disclosure.label}
          </p>
        ) : null}
        {article.hero ? (
          <a href={article.url}>
            <img
              src={article.hero.url}
              alt={article.hero.alt}
              width={552}
              style={css('display:block;width:100%;max-width:552px;height:auto;border:0')}
            />
          </a>
        ) : null}
        {article.hero?.credit ? <p style={css(`${sans}margin:4px 0 0;font-size:11px;color:#666`)}>{article.hero.credit}</p> : null}
        <h2 style={css(`${font}margin:16px 0 8px;font-size:24px;line-height:1.25`)}>
          <a href={article.url} style={css('color:#111;text-decoration:none')}>
            {article.headline}
          </a>
        </h2>
        {article.standfirst ? (
          <p style={css(`${font}margin:0 0 8px;font-size:17px;line-height:1.5;color:#333`)}>{article.standfirst}</p>
        ) : null}
        {article.byline.length ? (
          <p style={css(`${sans}margin:0 0 12px;font-size:13px;color:#555`)}>By {bylineText(article.byline)}</p>
        ) : null}
        {article.body?.map((block, i) =>
          block.kind === 'heading' ? (
            <h3 key={i} style={css(`${font}margin:20px 0 8px;font-size:19px`)}>
              {block.text}
            </h3>
          ) : (
            <p key={i} style={css(`${font}margin:0 0 12px;font-size:16px;line-height:1.6;color:#222`)}>
              {block.text}
            </p>
          ),
        )}
        <p style={css(`${sans}margin:0 0 8px;font-size:14px`)}>
          <a href={article.url} style={css('color:#0b57d0')}>
            {article.body?.length ? 'Read it on the site' : 'Read the article'}
          </a>
        </p>
      </td>
    </tr>
  );
}

/** A newsletter email of one article (on publish) or several (a digest), as email clients render HTML. */
export function ArticleEmail({ frame, articles }: { frame: EmailFrame; articles: EmailArticle[] }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width" />
        <title>{frame.newsletterName}</title>
      </head>
      <body style={css('margin:0;padding:0;background:#f4f4f4')}>
        <div style={css('display:none;max-height:0;overflow:hidden')}>{frame.preview}</div>
        <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} style={css('background:#f4f4f4')}>
          <tbody>
            <tr>
              <td align="center" style={css('padding:16px 8px')}>
                <table
                  role="presentation"
                  width={600}
                  cellPadding={0}
                  cellSpacing={0}
                  style={css('width:100%;max-width:600px;background:#ffffff')}
                >
                  <tbody>
                    <tr>
                      <td style={css(`${sans}padding:16px 24px;border-bottom:3px solid #111;font-size:14px`)}>
                        <strong>{frame.siteName}</strong> · {frame.newsletterName}
                      </td>
                    </tr>
                    {articles.map((article) => (
                      <ArticleBlock key={article.url} article={article} />
                    ))}
                    <tr>
                      <td style={css(`${sans}padding:16px 24px;border-top:1px solid #ddd;font-size:12px;line-height:1.5;color:#555`)}>
                        You get {frame.newsletterName} from {frame.siteName} because you subscribed and confirmed your address.{' '}
                        <a href={frame.unsubscribeUrl} style={css('color:#555')}>
                          Unsubscribe
                        </a>{' '}
                        ·{' '}
                        <a href={frame.preferencesUrl} style={css('color:#555')}>
                          Your newsletters and data
                        </a>
                      </td>
                    </tr>
                  </tbody>
                </table>
              </td>
            </tr>
          </tbody>
        </table>
      </body>
    </html>
  );
}
