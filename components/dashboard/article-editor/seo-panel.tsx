import { Fragment } from 'react';
import { fieldClass, FieldMessages, type FieldNotes } from './editor-fields';
import type { EditorContent } from './editor-state';

type SeoField = 'seoTitle' | 'seoDescription' | 'canonicalUrl';

type Props = { content: EditorContent; notes: FieldNotes; onChange: (patch: Partial<EditorContent>) => void };

const FIELDS: { field: SeoField; label: string; control: 'input' | 'url' | 'textarea' }[] = [
  { field: 'seoTitle', label: 'SEO title', control: 'input' },
  { field: 'seoDescription', label: 'SEO description', control: 'textarea' },
  { field: 'canonicalUrl', label: 'Canonical URL', control: 'url' },
];

/** The folded SEO fields: title, description and canonical URL (empty means the article's own). */
export function SeoPanel({ content, notes, onChange }: Props) {
  return (
    <details className="rounded border border-neutral-300 p-3">
      <summary className="font-medium">SEO</summary>
      {FIELDS.map(({ field, label, control }) => {
        const value = content[field] ?? '';
        const change = (e: { target: { value: string } }) => onChange({ [field]: e.target.value });
        return (
          <Fragment key={field}>
            <label className="mt-2 block text-sm">
              {label}
              {control === 'textarea' ? (
                <textarea className={fieldClass} rows={2} value={value} onChange={change} />
              ) : (
                <input className={fieldClass} type={control === 'url' ? 'url' : undefined} value={value} onChange={change} />
              )}
            </label>
            <FieldMessages notes={notes} field={field} />
          </Fragment>
        );
      })}
    </details>
  );
}
