'use client';

import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import { useState } from 'react';
import type { BodyDocument } from '@/lib/articles/body-schema';
import { editorExtensions } from '@/lib/articles/editor-extensions';
import { normalizeEditorJson, normalizePastedHtml } from '@/lib/articles/normalize-body';

export type LibraryImage = { id: string; src: string; alt: string; caption: string; credit: string; width: number; height: number };

/** The WYSIWYG body editor. Calls `onChange` with the document reduced to our body schema. */
export function RichTextEditor({
  initial,
  onChange,
  images,
  labelledBy,
}: {
  initial: BodyDocument;
  onChange: (doc: unknown) => void;
  images: LibraryImage[];
  labelledBy: string;
}) {
  const editor = useEditor({
    extensions: editorExtensions,
    content: initial,
    immediatelyRender: false,
    editorProps: {
      transformPastedHTML: normalizePastedHtml,
      attributes: {
        class: 'prose prose-neutral max-w-none min-h-[300px] rounded-b border border-neutral-400 bg-white p-4 font-serif focus:outline-2 focus:outline-blue-700',
        'aria-labelledby': labelledBy,
        'aria-multiline': 'true',
        role: 'textbox',
        'data-testid': 'body-editor',
      },
    },
    onUpdate: ({ editor: e }) => onChange(normalizeEditorJson(e.getJSON())),
  });
  if (!editor) return <div className="min-h-[300px] rounded border border-neutral-300 bg-white p-4 text-neutral-600">Loading editor…</div>;
  return (
    <div>
      <Toolbar editor={editor} images={images} />
      <EditorContent editor={editor} />
    </div>
  );
}

function Toolbar({ editor, images }: { editor: Editor; images: LibraryImage[] }) {
  const [picking, setPicking] = useState(false);
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      link: e.isActive('link'),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
      quote: e.isActive('blockquote'),
      image: e.isActive('image'),
    }),
  });
  const btn = (label: string, pressed: boolean | undefined, run: () => void, text?: string) => (
    <button
      type="button"
      aria-pressed={pressed === undefined ? undefined : pressed}
      onMouseDown={(e) => e.preventDefault()}
      onClick={run}
      title={text ? label : undefined}
      className={`rounded px-2 py-1 text-sm ${pressed ? 'bg-neutral-900 text-white' : 'hover:bg-neutral-200'}`}
    >
      {/* The accessible name starts with the visible text (WCAG 2.5.3, label in name): "H2 (Heading 2)". */}
      {text ?? label}
      {text ? <span className="sr-only"> ({label})</span> : null}
    </button>
  );
  const chain = () => editor.chain().focus();
  return (
    <div className="rounded-t border border-b-0 border-neutral-400 bg-neutral-100 p-1">
      <div role="toolbar" aria-label="Formatting" className="flex flex-wrap gap-1">
        {btn('Heading 2', state.h2, () => chain().toggleHeading({ level: 2 }).run(), 'H2')}
        {btn('Heading 3', state.h3, () => chain().toggleHeading({ level: 3 }).run(), 'H3')}
        {btn('Bold', state.bold, () => chain().toggleBold().run(), 'B')}
        {btn('Italic', state.italic, () => chain().toggleItalic().run(), 'I')}
        {btn('Link', state.link, () => {
          if (state.link) return void chain().unsetLink().run();
          const href = window.prompt('Link address (https://…)');
          if (href) chain().extendMarkRange('link').setLink({ href }).run();
        })}
        {btn('Bulleted list', state.bullet, () => chain().toggleBulletList().run(), '• List')}
        {btn('Numbered list', state.ordered, () => chain().toggleOrderedList().run(), '1. List')}
        {btn('Quote', state.quote, () => chain().toggleBlockquote().run())}
        {btn('Horizontal rule', undefined, () => chain().setHorizontalRule().run(), '—')}
        {btn('Insert image', picking, () => setPicking((p) => !p), 'Image')}
        {state.image &&
          btn('Edit caption and credit', undefined, () => {
            const attrs = editor.getAttributes('image');
            const caption = window.prompt('Caption', String(attrs.caption ?? ''));
            if (caption === null) return;
            const credit = window.prompt('Credit', String(attrs.credit ?? ''));
            if (credit === null) return;
            const alt = window.prompt('Alt text (describe the picture)', String(attrs.alt ?? ''));
            chain().updateAttributes('image', { caption: caption || null, credit: credit || null, alt: alt ?? attrs.alt ?? '' }).run();
          }, 'Caption…')}
      </div>
      {picking && (
        <div role="group" aria-label="Choose an image to insert" className="mt-2 grid max-h-64 grid-cols-4 gap-2 overflow-auto bg-white p-2">
          {images.length === 0 && <p className="col-span-4 text-sm">The media library is empty.</p>}
          {images.map((img) => (
            <button
              key={img.id}
              type="button"
              className="border border-neutral-300 hover:outline-2 hover:outline-blue-700"
              onClick={() => {
                chain()
                  .setImage({ src: img.src, alt: img.alt, width: img.width, height: img.height })
                  .updateAttributes('image', { imageId: img.id, caption: img.caption || null, credit: img.credit || null })
                  .run();
                setPicking(false);
              }}
            >
              {/* eslint-disable-next-line @next/next/no-img-element -- a small thumbnail inside the editor */}
              <img src={img.src} alt={img.alt || 'Untitled image'} className="h-20 w-full object-cover" />
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
