import type { BodyDocument } from '@/lib/articles/body-schema';
import { bodyToPlainText } from '@/lib/articles/body-text';

const MAX = 160;

/** A standing page's meta description: its standfirst, else the start of its body cut at a word (at most 160 characters), else its title. */
export function decidePageDescription(page: { title: string; standfirst: string; body: BodyDocument }): string {
  if (page.standfirst.trim()) return page.standfirst.trim();
  const text = bodyToPlainText(page.body).replace(/\s+/g, ' ').trim();
  if (!text) return page.title;
  if (text.length <= MAX) return text;
  const cut = text.slice(0, MAX - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > MAX / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}…`;
}
