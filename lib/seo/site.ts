import 'server-only';
import type { Metadata } from 'next';
import { getEnv } from '@/lib/env';
import { absoluteUrlOn, croppedMediaPath, LOGO_PATH, mediaPath, optimisedImagePath } from '@/lib/routes';
import type { Site } from '@/lib/seo/decide-json-ld';

/** The publication as structured data and metadata see it, from the environment. */
export function getSite(): Site {
  const env = getEnv();
  return { name: env.SITE_NAME, url: env.siteUrl, logoUrl: absoluteUrlOn(env.siteUrl, LOGO_PATH), language: env.SITE_LANGUAGE };
}

/** An absolute URL on this site (SITE_URL): `path` comes from lib/routes. */
export function absoluteUrl(path: string): string {
  return absoluteUrlOn(getEnv().siteUrl, path);
}

/** An uploaded image resized to `width` px by the image optimiser (OpenGraph and JSON-LD use 1200). */
export function resizedImageUrl(storageKey: string, width = 1200): string {
  return absoluteUrl(optimisedImagePath(mediaPath(storageKey), width));
}

/**
 * The metadata of a page that answers 404 (a page past the end of a list, an unknown slug): its own
 * title, not the list's, and kept out of search engines.
 */
export const notFoundMetadata: Metadata = { title: 'Page not found', robots: { index: false } };

/** An uploaded image in the three aspects Google asks structured data for (16:9, 4:3, 1:1), as absolute URLs. */
export function structuredDataImageUrls(storageKey: string): string[] {
  return (['16x9', '4x3', '1x1'] as const).map((aspect) => absoluteUrl(croppedMediaPath(storageKey, aspect)));
}

/**
 * Metadata every reader page carries: title, description, canonical URL, OpenGraph and Twitter card,
 * with the image at 1200 px when there is one; with `feed`, a `<link rel="alternate"
 * type="application/rss+xml">` to the page's RSS feed, so browsers and feed readers find it.
 */
export function pageMetadata({
  title,
  description,
  path,
  image,
  type = 'website',
  publishedAt,
  modifiedAt,
  section,
  authors,
  feed,
}: {
  title: string;
  description: string;
  path: string;
  image?: { storageKey: string; width: number; height: number; alt: string } | null;
  type?: 'website' | 'article';
  publishedAt?: Date | null;
  modifiedAt?: Date | null;
  section?: string;
  authors?: string[];
  feed?: { path: string; title: string };
}): Metadata {
  const site = getSite();
  const url = absoluteUrl(path);
  const images = image
    ? [{ url: resizedImageUrl(image.storageKey), width: 1200, height: Math.round((image.height / image.width) * 1200), alt: image.alt }]
    : [{ url: site.logoUrl, width: 600, height: 60, alt: site.name }];
  return {
    title,
    description,
    alternates: {
      canonical: url,
      ...(feed ? { types: { 'application/rss+xml': [{ url: absoluteUrl(feed.path), title: feed.title }] } } : {}),
    },
    openGraph: {
      type,
      url,
      title,
      description,
      siteName: site.name,
      locale: site.language,
      images,
      ...(type === 'article'
        ? {
            publishedTime: publishedAt?.toISOString(),
            modifiedTime: modifiedAt?.toISOString(),
            section,
            authors,
          }
        : {}),
    },
    twitter: { card: image ? 'summary_large_image' : 'summary', title, description, images: images.map((i) => i.url) },
  };
}
