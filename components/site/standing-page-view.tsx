import { Breadcrumb } from '@/components/site/breadcrumb';
import { ArticleBody } from '@/components/site/article-body';
import { JsonLd } from '@/components/site/json-ld';
import type { BodyDocument } from '@/lib/articles/body-schema';
import { authorPath, homePath, standingPagePath } from '@/lib/routes';
import { breadcrumbJsonLd } from '@/lib/seo/decide-json-ld';
import { absoluteUrl } from '@/lib/seo/site';
import { formatDate } from '@/lib/text/format-date';

type Page = { slug: string; title: string; standfirst: string; body: BodyDocument; updatedAt: Date };
type StaffMember = { id: string; name: string; slug: string; jobTitle: string | null; organisation: string | null };

/**
 * A standing page as readers see it: breadcrumb, title, standfirst, body, and when it was last
 * updated; the masthead page adds the staff list (`staff`), each linked to their author page.
 */
export function StandingPageView({ page, staff }: { page: Page; staff?: StaffMember[] }) {
  const path = standingPagePath(page.slug);
  const crumbs = [{ name: 'Home', href: homePath() }];
  return (
    <article className="mx-auto max-w-3xl">
      <JsonLd data={breadcrumbJsonLd([...crumbs.map((c) => ({ name: c.name, url: absoluteUrl(c.href) })), { name: page.title, url: absoluteUrl(path) }])} />
      <Breadcrumb crumbs={crumbs} current={{ name: page.title, href: path }} />
      <h1 className="mt-3 font-serif text-3xl font-bold leading-tight sm:text-4xl">{page.title}</h1>
      {page.standfirst && <p className="mt-3 text-xl leading-snug text-neutral-700">{page.standfirst}</p>}
      <div className="prose prose-lg prose-neutral mt-6 max-w-none font-serif prose-headings:font-sans prose-a:text-brand">
        <ArticleBody body={page.body} />
      </div>
      {staff && (
        <section aria-labelledby="staff-heading" className="mt-10 border-t-2 border-neutral-900 pt-3">
          <h2 id="staff-heading" className="mb-4 font-serif text-2xl font-bold">
            Our journalists and contributors
          </h2>
          {staff.length === 0 ? (
            <p>No authors yet.</p>
          ) : (
            <ul className="grid gap-x-8 gap-y-3 sm:grid-cols-2" data-testid="staff-list">
              {staff.map((a) => (
                <li key={a.id} className="border-b border-neutral-200 pb-2">
                  <a href={authorPath(a.slug)} className="font-semibold underline-offset-2 hover:underline">
                    {a.name}
                  </a>
                  {(a.jobTitle || a.organisation) && <p className="text-sm text-neutral-700">{[a.jobTitle, a.organisation].filter(Boolean).join(', ')}</p>}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <p className="mt-10 text-sm text-neutral-700">
        Last updated <time dateTime={page.updatedAt.toISOString()}>{formatDate(page.updatedAt)}</time>
      </p>
    </article>
  );
}
