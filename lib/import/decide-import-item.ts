/**
 * What an import does with one item of the export, given what an earlier run left (its ImportedItem
 * row), pure:
 * - never imported, or its Masthead row is gone → create;
 * - the same checksum as last time → skip (nothing changed in the source);
 * - changed in the source, but edited in Masthead since the import wrote it, or moved to the trash →
 *   skip with a reason: the newsroom's own work is never overwritten;
 * - otherwise → update.
 */

export type ImportedState = { checksum: string | null; targetExists: boolean; editedSince: boolean; trashed?: boolean };

export type ImportDecision =
  { action: 'create' } | { action: 'update' } | { action: 'skip'; reason: 'unchanged' | 'edited-in-masthead' | 'trashed' };

/** Decides create, update or skip for an item whose checksum is now `checksum`. */
export function decideImportItem(previous: ImportedState | null, checksum: string): ImportDecision {
  if (!previous || !previous.targetExists) return { action: 'create' };
  if (previous.checksum === checksum) return { action: 'skip', reason: 'unchanged' };
  if (previous.trashed) return { action: 'skip', reason: 'trashed' };
  if (previous.editedSince) return { action: 'skip', reason: 'edited-in-masthead' };
  return { action: 'update' };
}

/** The checksum stored for an item: an item imported without some of its images is marked, so the next run tries them again. */
export function storedChecksum(checksum: string, complete: boolean): string {
  return complete ? checksum : `${checksum}:incomplete`;
}
