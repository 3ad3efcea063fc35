import type { Metadata } from 'next';
import { openApiDocument } from '@/lib/api/openapi';
import { describeOperations, type SchemaLine } from '@/lib/api/decide-reference';
import { getEnv } from '@/lib/env';
import { API_REFERENCE_PATH, OPENAPI_PATH } from '@/lib/routes';
import { pageMetadata } from '@/lib/seo/site';

export const dynamic = 'force-dynamic';

export function generateMetadata(): Metadata {
  return pageMetadata({
    title: 'API reference',
    description: 'The Content API (published content) and the Admin API (writes with an integration key).',
    path: API_REFERENCE_PATH,
  });
}

/** The document's descriptions mark code with backticks, as Markdown does: shown as code here. */
function Prose({ text }: { text: string }) {
  return (
    <>
      {text.split(/`([^`]+)`/).map((part, i) =>
        i % 2 ? (
          <code key={i} className="rounded bg-neutral-100 px-1 font-mono text-[0.9em]">
            {part}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}

function Fields({ lines }: { lines: SchemaLine[] }) {
  if (lines.length === 0) return null;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead>
          <tr className="border-b border-neutral-300">
            <th className="py-1 pr-4 font-semibold">Name</th>
            <th className="py-1 pr-4 font-semibold">Type</th>
            <th className="py-1 font-semibold">About</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.name} className="border-b border-neutral-100 align-top">
              <td className="py-1 pr-4 font-mono">
                {l.name}
                {l.required ? <span title="required"> *</span> : null}
              </td>
              <td className="py-1 pr-4 font-mono text-neutral-700">{l.type}</td>
              <td className="py-1 text-neutral-800">
                <Prose text={l.description} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The API reference, rendered from the same OpenAPI document the API serves (no second description to keep in step). */
export default function ApiReferencePage() {
  const doc = openApiDocument(getEnv().siteUrl);
  const operations = describeOperations(doc);
  return (
    <article className="mx-auto max-w-3xl space-y-8">
      <header className="space-y-3 border-b-2 border-neutral-900 pb-4">
        <h1 className="font-serif text-4xl font-bold">API reference</h1>
        <p className="text-neutral-800">
          <Prose text={doc.info.description ?? ''} />
        </p>
        <p className="text-sm">
          Base URL <code className="font-mono">{doc.servers?.[0]?.url}</code> · Machine-readable:{' '}
          <a className="text-brand underline underline-offset-2" href={OPENAPI_PATH}>
            OpenAPI 3.1 document
          </a>
        </p>
      </header>
      <nav aria-label="Endpoints">
        <ul className="space-y-1 font-mono text-sm">
          {operations.map((op) => (
            <li key={op.anchor}>
              <a className="text-brand underline underline-offset-2" href={`#${op.anchor}`}>
                {op.method} {op.path}
              </a>{' '}
              <span className="font-sans text-neutral-700">{op.summary}</span>
            </li>
          ))}
        </ul>
      </nav>
      {operations.map((op) => (
        <section
          key={op.anchor}
          id={op.anchor}
          aria-labelledby={`${op.anchor}-title`}
          className="space-y-3 border-t border-neutral-200 pt-6"
        >
          <h2 id={`${op.anchor}-title`} className="font-mono text-lg font-bold">
            {op.method} {op.path}
          </h2>
          <p>
            {op.summary} · <span className="text-neutral-700">{op.auth}</span>
          </p>
          {op.parameters.length ? (
            <>
              <h3 className="font-semibold">Parameters</h3>
              <Fields lines={op.parameters} />
            </>
          ) : null}
          {op.body.length ? (
            <>
              <h3 className="font-semibold">Body ({op.bodyType})</h3>
              <Fields lines={op.body} />
            </>
          ) : null}
          <h3 className="font-semibold">Responses</h3>
          <ul className="text-sm">
            {op.responses.map((r) => (
              <li key={r.status}>
                <span className="font-mono">{r.status}</span> {r.description}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </article>
  );
}
