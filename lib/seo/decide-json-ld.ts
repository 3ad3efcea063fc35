/** schema.org JSON-LD for reader pages: plain objects, built from page data and absolute URLs. */
import type { Disclosure } from '@/lib/articles/decide-disclosure';
import { absoluteUrlOn, homePath, searchPathTemplate } from '@/lib/routes';

export type Site = { name: string; url: string; logoUrl: string; language: string };

type Thing = Record<string, unknown>;

/** The publisher's policy pages as schema.org's NewsMediaOrganization names them: absolute URLs, each only when the page exists. */
export type PublisherPolicies = { publishingPrinciples?: string; ethicsPolicy?: string; correctionsPolicy?: string; masthead?: string };

/**
 * The policy URLs of the standing pages that have a role (lib/pages): the ethics and corrections policy
 * page is the ethics policy, the corrections policy and the publishing principles (the about page stands
 * in for the principles when there is no ethics page); the masthead page is the masthead.
 */
export function publisherPoliciesOf(pages: readonly { role: string | null; url: string }[]): PublisherPolicies {
  const urlOf = (role: string) => pages.find((p) => p.role === role)?.url;
  const ethics = urlOf('ETHICS');
  const principles = ethics ?? urlOf('ABOUT');
  const masthead = urlOf('MASTHEAD');
  return {
    ...(principles ? { publishingPrinciples: principles } : {}),
    ...(ethics ? { ethicsPolicy: ethics, correctionsPolicy: ethics } : {}),
    ...(masthead ? { masthead } : {}),
  };
}

/** The publisher as a NewsMediaOrganization with its policy pages, used on its own and inside NewsArticle. */
export function organizationJsonLd(site: Site, policies: PublisherPolicies = {}): Thing {
  const home = absoluteUrlOn(site.url, homePath());
  return {
    '@type': 'NewsMediaOrganization',
    '@id': `${home}#organization`,
    name: site.name,
    url: home,
    logo: { '@type': 'ImageObject', url: site.logoUrl, width: 600, height: 60 },
    ...policies,
  };
}

/** The publisher + WebSite with a SearchAction, for the front page. */
export function frontPageJsonLd(site: Site, policies: PublisherPolicies = {}): Thing {
  const home = absoluteUrlOn(site.url, homePath());
  return {
    '@context': 'https://schema.org',
    '@graph': [
      organizationJsonLd(site, policies),
      {
        '@type': 'WebSite',
        '@id': `${home}#website`,
        name: site.name,
        url: home,
        inLanguage: site.language,
        publisher: { '@id': `${home}#organization` },
        potentialAction: {
          '@type': 'SearchAction',
          target: { '@type': 'EntryPoint', urlTemplate: absoluteUrlOn(site.url, searchPathTemplate('search_term_string')) },
          'query-input': 'required name=search_term_string',
        },
      },
    ],
  };
}

/** BreadcrumbList from ordered (name, absolute url) crumbs. */
export function breadcrumbJsonLd(crumbs: { name: string; url: string }[]): Thing {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((c, i) => ({ '@type': 'ListItem', position: i + 1, name: c.name, item: c.url })),
  };
}

export type NewsArticleInput = {
  url: string;
  headline: string;
  description: string;
  imageUrls: string[];
  publishedAt: Date;
  modifiedAt: Date;
  sectionName: string;
  authors: { name: string; url: string; jobTitle?: string | null }[];
  keywords: string[];
  /** Sponsored or partner content: named as `sponsor` (schema.org's property for who paid or partnered). */
  disclosure?: Disclosure | null;
  /** Corrections, clarifications and updates appended to the article (any order). */
  corrections?: { kind: string; text: string; publishedAt: Date }[];
};

/**
 * NewsArticle: headline (Google shows up to 110 characters), image, datePublished and dateModified as
 * ISO 8601 with time zone (UTC, "Z"), authors as Person with url, publisher Organization with logo,
 * articleSection and isAccessibleForFree; images in 16:9, 4:3 and 1:1 (Google asks for the three); for
 * sponsored and partner content a `sponsor` (the partner, as an Organization) and the label as a keyword,
 * so machines see what readers see. Each correction is a `CorrectionComment` (text, datePublished) in
 * `correction`, newest first, and dateModified is never before the newest of them.
 */
export function newsArticleJsonLd(site: Site, a: NewsArticleInput, policies: PublisherPolicies = {}): Thing {
  const corrections = [...(a.corrections ?? [])].sort((x, y) => y.publishedAt.getTime() - x.publishedAt.getTime());
  const modifiedAt = new Date(Math.max(a.publishedAt.getTime(), a.modifiedAt.getTime(), ...corrections.map((c) => c.publishedAt.getTime())));
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    mainEntityOfPage: { '@type': 'WebPage', '@id': a.url },
    url: a.url,
    headline: a.headline.length > 110 ? `${a.headline.slice(0, 109)}…` : a.headline,
    description: a.description,
    image: a.imageUrls,
    datePublished: a.publishedAt.toISOString(),
    dateModified: modifiedAt.toISOString(),
    author: a.authors.map((p) => ({ '@type': 'Person', name: p.name, url: p.url, ...(p.jobTitle ? { jobTitle: p.jobTitle } : {}) })),
    publisher: organizationJsonLd(site, policies),
    articleSection: a.sectionName,
    ...(a.keywords.length || a.disclosure ? { keywords: [...(a.disclosure ? [a.disclosure.short] : []), ...a.keywords] } : {}),
    ...(a.disclosure ? { sponsor: { '@type': 'Organization', name: a.disclosure.partnerName ?? a.disclosure.label } } : {}),
    inLanguage: site.language,
    isAccessibleForFree: true,
    ...(corrections.length
      ? { correction: corrections.map((c) => ({ '@type': 'CorrectionComment', text: `${c.kind}: ${c.text}`, datePublished: c.publishedAt.toISOString() })) }
      : {}),
  };
}

/** Serialises JSON-LD for a <script> element: `<` is escaped so the text can never close the element. */
export function serializeJsonLd(data: Thing): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
