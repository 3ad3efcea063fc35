import { serializeJsonLd } from '@/lib/seo/decide-json-ld';

/** A JSON-LD script element; the data is serialised so it can never close the element early. */
export function JsonLd({ data }: { data: Record<string, unknown> }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }} />;
}
