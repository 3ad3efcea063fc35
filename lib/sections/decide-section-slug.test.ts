import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESERVED_TOP_LEVEL_SLUGS, sectionSlugProblem } from '@/lib/sections/decide-section-slug';

/** Every fixed top-level path segment of the app (route groups flattened, dynamic segments skipped). */
function topLevelSegments(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('(') && entry.isDirectory()) out.push(...topLevelSegments(path.join(dir, entry.name)));
    else if (entry.isDirectory() && !entry.name.startsWith('[')) out.push(entry.name);
    else if (entry.isFile() && /\.(txt|xml|svg|ico|png)$/.test(entry.name)) out.push(entry.name);
  }
  return out;
}

describe('sectionSlugProblem', () => {
  it('accepts an ordinary slug', () => {
    expect(sectionSlugProblem('life-sciences')).toBeNull();
  });

  it('refuses malformed slugs', () => {
    for (const slug of ['', 'Life', 'a--b', '-a', 'a/b', 'feed.xml', 'x'.repeat(81)]) expect(sectionSlugProblem(slug), slug).toMatch(/lower-case/);
  });

  it('refuses every top-level path the app serves, and public files', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const segments = [...topLevelSegments(path.join(root, 'app')), ...readdirSync(path.join(root, 'public'))];
    expect(segments).toContain('dashboard');
    for (const segment of segments) {
      const slugPart = segment.replace(/\.[a-z]+$/, '');
      expect(RESERVED_TOP_LEVEL_SLUGS.has(slugPart), `${segment} is not reserved`).toBe(true);
      expect(sectionSlugProblem(slugPart), segment).toMatch(/reserved/);
    }
  });
});
