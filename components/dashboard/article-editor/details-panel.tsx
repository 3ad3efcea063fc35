import { decideDisclosure } from '@/lib/articles/decide-disclosure';
import { numberedSlugNote } from '@/lib/articles/decide-slug-follow';
import { errorOf, fieldClass, fieldId, FieldMessages, type FieldNotes } from './editor-fields';
import type { EditorContent } from './editor-state';

type Choice = { id: string; name: string };
/** What the details' selects offer; campaigns say whether they are a partner's (their articles are labelled). */
export type EditorChoices = { sections: Choice[]; campaigns: (Choice & { partnerName?: string | null; disclosureLabel?: string | null })[]; authors: Choice[] };

type Props = {
  content: EditorContent;
  choices: EditorChoices;
  canEdit: boolean;
  notes: FieldNotes;
  onChange: (patch: Partial<EditorContent>) => void;
};

/** `list` with the item at `i` moved by `by` places. */
function move<T>(list: T[], i: number, by: number): T[] {
  const next = [...list];
  const [item] = next.splice(i, 1);
  if (item !== undefined) next.splice(i + by, 0, item);
  return next;
}

/** A labelled select of `choices` by id; `none` adds an empty first choice with that label. */
function ChoiceSelect({
  id,
  label,
  value,
  choices,
  none,
  describedBy,
  onChange,
}: {
  id?: string;
  label: string;
  value: string;
  choices: Choice[];
  none?: string;
  describedBy?: string;
  onChange: (id: string) => void;
}) {
  return (
    <label className="block text-sm">
      {label}
      <select id={id} className={fieldClass} value={value} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value)}>
        {none !== undefined && <option value="">{none}</option>}
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The article's details beside the text: slug, section, campaign, ordered authors, tags and the sponsored flag. */
export function DetailsPanel({ content, choices, canEdit, notes, onChange }: Props) {
  const slugNote = numberedSlugNote(content.slug, content.headline);
  const campaign = choices.campaigns.find((c) => c.id === content.campaignId) ?? null;
  const disclosure = decideDisclosure({ sponsored: content.sponsored, campaign: campaign ? { partnerName: campaign.partnerName ?? null, disclosureLabel: campaign.disclosureLabel ?? null } : null });
  return (
    <fieldset disabled={!canEdit} className="space-y-3 rounded border border-neutral-300 bg-white p-3">
      <legend className="px-1 font-semibold">Details</legend>
      <label className="block text-sm">
        Slug
        <input
          className={fieldClass}
          value={content.slug}
          aria-invalid={!!errorOf(notes, 'slug')}
          aria-describedby={slugNote ? `${notes.idPrefix}-slug-note` : undefined}
          onChange={(e) => onChange({ slug: e.target.value })}
        />
      </label>
      {slugNote && (
        <p id={`${notes.idPrefix}-slug-note`} className="text-sm text-neutral-700">
          {slugNote}
        </p>
      )}
      <FieldMessages notes={notes} field="slug" />
      <ChoiceSelect
        id={fieldId(notes, 'sectionId')}
        label="Section"
        value={content.sectionId}
        choices={choices.sections}
        onChange={(sectionId) => onChange({ sectionId })}
      />
      <FieldMessages notes={notes} field="sectionId" check="sectionId" />
      <ChoiceSelect
        label="Campaign"
        value={content.campaignId ?? ''}
        choices={choices.campaigns}
        none="None"
        describedBy={disclosure ? `${notes.idPrefix}-disclosure` : undefined}
        onChange={(campaignId) => onChange({ campaignId: campaignId || null })}
      />
      <div className="text-sm">
        <span id={`${notes.idPrefix}-authors`}>Authors</span>
        <ol aria-labelledby={`${notes.idPrefix}-authors`} className="mt-1 space-y-1">
          {content.authorIds.map((authorId, i) => (
            <li key={authorId} className="flex items-center gap-1">
              <span className="flex-1">{choices.authors.find((a) => a.id === authorId)?.name ?? 'Unknown'}</span>
              <button
                type="button"
                aria-label="Move up"
                disabled={i === 0}
                onClick={() => onChange({ authorIds: move(content.authorIds, i, -1) })}
                className="px-1"
              >
                ↑
              </button>
              <button
                type="button"
                aria-label="Remove author"
                onClick={() => onChange({ authorIds: content.authorIds.filter((x) => x !== authorId) })}
                className="px-1"
              >
                ✕
              </button>
            </li>
          ))}
        </ol>
        <select
          id={fieldId(notes, 'authorIds')}
          aria-label="Add author"
          className={fieldClass}
          value=""
          onChange={(e) => e.target.value && onChange({ authorIds: [...content.authorIds, e.target.value] })}
        >
          <option value="">Add author…</option>
          {choices.authors
            .filter((a) => !content.authorIds.includes(a.id))
            .map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
        </select>
        <FieldMessages notes={notes} field="authorIds" check="authorIds" />
      </div>
      <label className="block text-sm">
        Tags (comma-separated)
        <input
          className={fieldClass}
          defaultValue={content.tagNames.join(', ')}
          onChange={(e) =>
            onChange({
              tagNames: e.target.value
                .split(',')
                .map((t) => t.trim())
                .filter(Boolean),
            })
          }
        />
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={content.sponsored} onChange={(e) => onChange({ sponsored: e.target.checked })} /> Sponsored content
      </label>
      {disclosure && (
        <p id={`${notes.idPrefix}-disclosure`} className="rounded border-l-4 border-amber-600 bg-amber-50 px-2 py-1 text-sm text-amber-950">
          Readers will see this article labelled <strong>{disclosure.short}</strong> (“{disclosure.label}”) on its page, its cards, feeds and search
          results{disclosure.partnerName ? `, with a box saying it was produced ${disclosure.kind === 'sponsored' ? 'with funding from' : 'in partnership with'} ${disclosure.partnerName}` : ''}.
        </p>
      )}
    </fieldset>
  );
}
