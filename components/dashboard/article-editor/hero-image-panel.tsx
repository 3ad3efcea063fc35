import { ImageUploadForm, type UploadImageAction } from '@/components/dashboard/image-upload-form';
import type { LibraryImage } from '@/components/dashboard/rich-text-editor';
import { fieldClass, fieldId, FieldMessages, type FieldNotes } from './editor-fields';
import type { EditorContent } from './editor-state';

type Props = {
  content: EditorContent;
  images: LibraryImage[];
  canEdit: boolean;
  notes: FieldNotes;
  onChange: (patch: Partial<EditorContent>) => void;
  /** A new image was uploaded from here: it joins the library and becomes the hero. */
  onUploaded: (image: LibraryImage) => void;
  uploadImage: UploadImageAction;
};

/** The fields a chosen hero fills: its id, and the library's alt text, caption and credit as this article's starting text. */
export const heroPatchOf = (image: LibraryImage): Partial<EditorContent> => ({
  heroImageId: image.id,
  heroAlt: image.alt,
  heroCaption: image.caption,
  heroCredit: image.credit,
});

/** Choose the hero from the library (or none), upload a new one, and edit its alt text, caption and credit for this article. */
export function HeroImagePanel({ content, images, canEdit, notes, onChange, onUploaded, uploadImage }: Props) {
  return (
    <fieldset className="rounded border border-neutral-300 p-3">
      <legend className="px-1 font-medium">Hero image</legend>
      <FieldMessages notes={notes} field="heroImage" check="heroImage" />
      <div id={content.heroImageId ? undefined : fieldId(notes, 'heroImage')} tabIndex={-1} role="radiogroup" aria-label="Hero image" className="grid max-h-56 grid-cols-4 gap-2 overflow-auto">
        <label className="flex items-center justify-center border border-neutral-300 text-sm">
          <input
            type="radio"
            name="hero"
            className="mr-1"
            checked={!content.heroImageId}
            onChange={() => onChange({ heroImageId: null })}
          />{' '}
          None
        </label>
        {images.map((img) => (
          <label
            key={img.id}
            className={`cursor-pointer border ${content.heroImageId === img.id ? 'border-blue-700 outline-2 outline-blue-700' : 'border-neutral-300'}`}
          >
            <input
              type="radio"
              name="hero"
              className="sr-only"
              checked={content.heroImageId === img.id}
              onChange={() => onChange(heroPatchOf(img))}
              aria-label={img.alt || `Image ${img.id}`}
            />
            {/* eslint-disable-next-line @next/next/no-img-element -- a thumbnail */}
            <img src={img.src} alt="" className="h-20 w-full object-cover" />
          </label>
        ))}
      </div>
      <details className="mt-3 rounded border border-neutral-200 p-2">
        <summary className="cursor-pointer text-sm font-medium">Upload a new hero image</summary>
        <div className="mt-2">
          <ImageUploadForm label="Upload a hero image" action={uploadImage} disabled={!canEdit} onUploaded={onUploaded} />
        </div>
      </details>
      {content.heroImageId && (
        <div className="mt-3 grid gap-2 sm:grid-cols-3">
          <label className="block text-sm">
            Alt text
            {/* With an image chosen, what the checklist can still ask for is its alt text. */}
            <input id={fieldId(notes, 'heroImage')} className={fieldClass} value={content.heroAlt} onChange={(e) => onChange({ heroAlt: e.target.value })} />
          </label>
          <label className="block text-sm">
            Caption
            <input className={fieldClass} value={content.heroCaption} onChange={(e) => onChange({ heroCaption: e.target.value })} />
          </label>
          <label className="block text-sm">
            Credit
            <input
              className={fieldClass}
              value={content.heroCredit}
              aria-describedby={`${notes.idPrefix}-credit-hint`}
              onChange={(e) => onChange({ heroCredit: e.target.value })}
            />
            <span id={`${notes.idPrefix}-credit-hint`} className="mt-1 block text-xs text-neutral-600">
              e.g. Jane Doe/Reuters (the page adds “Photograph:”)
            </span>
          </label>
        </div>
      )}
    </fieldset>
  );
}
