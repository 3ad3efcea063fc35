import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArticleGrid } from '@/components/site/article-grid';
import { JsonLd } from '@/components/site/json-ld';
import { getCampaignArticles } from '@/lib/articles/queries';
import { getCampaignBySlug } from '@/lib/campaigns/queries';
import { campaignPath, feedPath, homePath } from '@/lib/routes';
import { breadcrumbJsonLd } from '@/lib/seo/decide-json-ld';
import { absoluteUrl, notFoundMetadata, pageMetadata } from '@/lib/seo/site';
import { formatDate } from '@/lib/text/format-date';

type Props = { params: Promise<{ slug: string }> };

/** Rendered when the response cache does not hold it, then cached until a change purges its tags (ADR 0010). */
export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const campaign = await getCampaignBySlug((await params).slug);
  if (!campaign) return notFoundMetadata;
  return pageMetadata({
    title: campaign.name,
    description: campaign.description ?? `${campaign.name}: every article of the series.`,
    path: campaignPath(campaign.slug),
    feed: { path: feedPath('campaigns', campaign.slug), title: `${campaign.name} RSS` },
  });
}

/** A campaign: intro, partner disclosure, and its articles in the order they appeared. */
export default async function CampaignPage({ params }: Props) {
  const campaign = await getCampaignBySlug((await params).slug);
  if (!campaign) notFound();
  const articles = await getCampaignArticles({ campaignSlug: campaign.slug });
  return (
    <>
      <JsonLd
        data={breadcrumbJsonLd([
          { name: 'Home', url: absoluteUrl(homePath()) },
          { name: campaign.name, url: absoluteUrl(campaignPath(campaign.slug)) },
        ])}
      />
      <header className="mb-8 border-b-2 border-neutral-900 pb-4">
        <p className="text-sm font-bold uppercase tracking-wide text-accent">Campaign</p>
        <h1 className="font-serif text-4xl font-bold">{campaign.name}</h1>
        {campaign.startsAt && (
          <p className="mt-1 text-sm text-neutral-700">
            <time dateTime={campaign.startsAt.toISOString()}>{formatDate(campaign.startsAt)}</time>
            {campaign.endsAt && (
              <>
                {' – '}
                <time dateTime={campaign.endsAt.toISOString()}>{formatDate(campaign.endsAt)}</time>
              </>
            )}
          </p>
        )}
        {campaign.description && <p className="mt-3 max-w-2xl text-lg text-neutral-700">{campaign.description}</p>}
        {campaign.partnerName && (
          <aside aria-label="Disclosure" className="mt-4 max-w-2xl border-l-4 border-amber-600 bg-amber-50 px-3 py-2 text-sm text-amber-950">
            <p>
              <strong className="mr-2 uppercase tracking-wide">Partner content</strong>
              {campaign.disclosureLabel ?? `In partnership with ${campaign.partnerName}`}
            </p>
            <p className="mt-1">This series is produced with {campaign.partnerName}. It is published under our editorial standards.</p>
          </aside>
        )}
      </header>
      {articles.length === 0 ? <p>No articles of this campaign have been published yet.</p> : <ArticleGrid articles={articles} headingLevel={2} preloadFirst />}
      <p className="mt-6 text-sm">
        <a href={feedPath('campaigns', campaign.slug)} className="text-brand underline">
          {campaign.name} RSS feed
        </a>
      </p>
    </>
  );
}
