/** Where a section should go among its siblings: one place up or down, or to a 1-based place number. */
export type SectionMove = { direction: 'up' | 'down' } | { place: number };

/**
 * The new order of sibling ids after moving `id` (ids given in their current order). Places past either
 * end are clamped; an id not in the list leaves the order unchanged.
 */
export function decideSectionOrder(ids: readonly string[], id: string, move: SectionMove): string[] {
  const from = ids.indexOf(id);
  if (from === -1) return [...ids];
  const target = 'direction' in move ? from + (move.direction === 'up' ? -1 : 1) : Math.trunc(move.place) - 1;
  const to = Math.min(Math.max(target, 0), ids.length - 1);
  const rest = ids.filter((x) => x !== id);
  return [...rest.slice(0, to), id, ...rest.slice(to)];
}

/**
 * The position each sibling must get for `ordered` to be their order, only for those whose stored
 * position differs (so a move writes the fewest rows).
 */
export function decidePositionUpdates(ordered: readonly string[], current: ReadonlyMap<string, number>): { id: string; position: number }[] {
  return ordered.map((id, position) => ({ id, position })).filter(({ id, position }) => current.get(id) !== position);
}
