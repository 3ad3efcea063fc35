import Blockquote from '@tiptap/extension-blockquote';
import Image from '@tiptap/extension-image';
import { ListItem } from '@tiptap/extension-list';
import StarterKit from '@tiptap/starter-kit';

/** An inline picture with its caption and credit, shown as a figure while editing. */
const Figure = Image.extend({
  addAttributes() {
    return {
      ...this.parent?.(),
      imageId: { default: null, renderHTML: () => ({}), parseHTML: () => null },
      caption: { default: null, renderHTML: () => ({}), parseHTML: () => null },
      credit: { default: null, renderHTML: () => ({}), parseHTML: () => null },
    };
  },
  renderHTML({ node, HTMLAttributes }) {
    const caption = [node.attrs.caption, node.attrs.credit ? `Photograph: ${node.attrs.credit}` : null].filter(Boolean).join(' ');
    return ['figure', { class: 'editor-figure' }, ['img', HTMLAttributes], ['figcaption', {}, caption]];
  },
});

/**
 * The body editor's node set, shared by the editor (components/dashboard/rich-text-editor.tsx) and the
 * HTML import (lib/articles/html-to-body.ts), so imported HTML follows the editor's paste rules exactly:
 * H2/H3, bold, italic, links, lists, quotes, rules and figures. Anything outside it (spans, fonts,
 * classes, colours, underline, code) is dropped by the schema; headings are mapped to H2/H3 before
 * parsing. List items and quotes hold paragraphs and lists, as the body schema does.
 */
export const editorExtensions = [
  StarterKit.configure({
    heading: { levels: [2, 3] },
    code: false,
    codeBlock: false,
    strike: false,
    underline: false,
    listItem: false,
    blockquote: false,
    link: { openOnClick: false, autolink: true, defaultProtocol: 'https', protocols: ['http', 'https', 'mailto'] },
  }),
  ListItem.extend({ content: 'paragraph (paragraph | bulletList | orderedList)*' }),
  Blockquote.extend({ content: '(paragraph | bulletList | orderedList)+' }),
  Figure.configure({ inline: false, allowBase64: false }),
];
