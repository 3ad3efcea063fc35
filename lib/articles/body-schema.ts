import { z } from 'zod';
import { isSafeUrl } from '@/lib/text/safe-url';
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from '@/lib/text/storable-text';

/**
 * The article body: a Tiptap/ProseMirror JSON document restricted to the nodes and marks that reader
 * pages render. Anything else (unknown nodes, attributes, marks, unsafe URLs) fails validation, so the
 * database only ever holds documents the renderer understands.
 */

const MAX_TEXT = 20_000;

/** A string PostgreSQL can store as given (no NUL, no lone surrogate): jsonb refuses those. */
const str = () => z.string().refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);

const linkMark = z.strictObject({
  type: z.literal('link'),
  attrs: z.strictObject({
    href: str().refine((v) => isSafeUrl(v), 'Links must be http(s), mailto or relative URLs.'),
    // Tiptap adds these; we accept and ignore them when rendering.
    target: str().max(20).nullable().optional(),
    rel: str().max(100).nullable().optional(),
    class: z.null().optional(),
  }),
});

const mark = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('bold') }),
  z.strictObject({ type: z.literal('italic') }),
  linkMark,
]);

const textNode = z.strictObject({
  type: z.literal('text'),
  text: str().min(1, 'Text cannot be empty.').max(MAX_TEXT, `A paragraph is at most ${MAX_TEXT} characters.`),
  marks: z.array(mark).max(3).optional(),
});

const hardBreak = z.strictObject({ type: z.literal('hardBreak') });
const inline = z.discriminatedUnion('type', [textNode, hardBreak]);

const paragraph = z.strictObject({
  type: z.literal('paragraph'),
  attrs: z.strictObject({ textAlign: z.null().optional() }).optional(),
  content: z.array(inline).max(2000).optional(),
});

const heading = z.strictObject({
  type: z.literal('heading'),
  attrs: z.strictObject({ level: z.union([z.literal(2), z.literal(3)]), textAlign: z.null().optional() }),
  content: z.array(inline).max(200).optional(),
});

const imageNode = z.strictObject({
  type: z.literal('image'),
  attrs: z.strictObject({
    src: str().refine((v) => isSafeUrl(v, { allowMailto: false }), 'Images must be http(s) or relative URLs.'),
    imageId: str().max(40).nullable().optional(),
    alt: str().max(500, 'Image alt text is at most 500 characters.').default(''),
    caption: str().max(1000, 'Image captions are at most 1000 characters.').nullable().optional(),
    credit: str().max(300, 'Image credits are at most 300 characters.').nullable().optional(),
    width: z.number().int().positive().max(20_000).nullable().optional(),
    height: z.number().int().positive().max(20_000).nullable().optional(),
    title: str().max(300).nullable().optional(),
  }),
});

const horizontalRule = z.strictObject({ type: z.literal('horizontalRule') });

export type TextNode = z.infer<typeof textNode>;
export type InlineNode = z.infer<typeof inline>;
export type Mark = z.infer<typeof mark>;
export type ParagraphNode = z.infer<typeof paragraph>;
export type HeadingNode = z.infer<typeof heading>;
export type ImageNode = z.infer<typeof imageNode>;
export type ListItemNode = { type: 'listItem'; content: (ParagraphNode | ListNode)[] };
export type ListNode =
  | { type: 'bulletList'; content: ListItemNode[] }
  | { type: 'orderedList'; attrs?: { start?: number; type?: string | null }; content: ListItemNode[] };
export type BlockquoteNode = { type: 'blockquote'; content: (ParagraphNode | ListNode)[] };
export type BlockNode = ParagraphNode | HeadingNode | ImageNode | ListNode | BlockquoteNode | { type: 'horizontalRule' };
export type BodyDocument = { type: 'doc'; content: BlockNode[] };

const listItem: z.ZodType<ListItemNode> = z.lazy(() =>
  z.strictObject({
    type: z.literal('listItem'),
    content: z
      .array(z.union([paragraph, list]))
      .min(1)
      .max(50),
  }),
);

const list: z.ZodType<ListNode> = z.lazy(() =>
  z.union([
    z.strictObject({ type: z.literal('bulletList'), content: z.array(listItem).min(1).max(200) }),
    z.strictObject({
      type: z.literal('orderedList'),
      attrs: z
        .strictObject({ start: z.number().int().min(0).max(100_000).optional(), type: str().max(5).nullable().optional() })
        .optional(),
      content: z.array(listItem).min(1).max(200),
    }),
  ]),
);

const blockquote: z.ZodType<BlockquoteNode> = z.strictObject({
  type: z.literal('blockquote'),
  content: z
    .array(z.union([paragraph, list]))
    .min(1)
    .max(50),
});

const block: z.ZodType<BlockNode> = z.union([paragraph, heading, imageNode, list, blockquote, horizontalRule]);

export const bodyDocumentSchema: z.ZodType<BodyDocument> = z.strictObject({
  type: z.literal('doc'),
  content: z.array(block).max(5000),
});

/** An empty document: one empty paragraph, as Tiptap starts. */
export const emptyBody: BodyDocument = { type: 'doc', content: [{ type: 'paragraph' }] };
