/**
 * The front page's section containers without the stories it already shows above them (the lead and
 * the Latest list), as the Guardian's fronts deduplicate their containers: a reader scrolling down
 * meets each story once, and the page carries each card's markup and hydration data once, not two or
 * three times (the demo front page held 30 cards for 18 stories). A section whose newest stories are
 * all shown above keeps no container; the section navigation still links it.
 */
export function sectionContainers<S extends { articles: A[] }, A extends { id: string }>(
  sections: S[],
  shownAbove: Iterable<{ id: string }>,
  take: number,
): S[] {
  const shown = new Set<string>();
  for (const a of shownAbove) shown.add(a.id);
  const containers: S[] = [];
  for (const section of sections) {
    const articles: A[] = [];
    for (const a of section.articles) {
      if (articles.length === take) break;
      // An article filed under a section and its subsection appears in both lists: once is enough.
      if (shown.has(a.id)) continue;
      articles.push(a);
      shown.add(a.id);
    }
    if (articles.length > 0) containers.push({ ...section, articles });
  }
  return containers;
}
