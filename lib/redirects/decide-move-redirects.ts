/** One row of the Redirect table: a path readers may still use, and where it lives now. */
export type RedirectRow = { fromPath: string; toPath: string };

/** What to write so the Redirect table matches a move: delete these `fromPath`s, then insert these rows. */
export type RedirectPlan = { deleteFromPaths: string[]; insert: RedirectRow[] };

/** `path` with its leading `fromPrefix` segment(s) replaced by `toPrefix`, or the path unchanged. */
export function rewritePrefix(path: string, fromPrefix: string, toPrefix: string): string {
  if (path === fromPrefix) return toPrefix;
  if (path.startsWith(`${fromPrefix}/`)) return `${toPrefix}${path.slice(fromPrefix.length)}`;
  return path;
}

/**
 * Plans the redirects for moving everything under `fromPrefix` to `toPrefix` (a renamed section, campaign
 * or author): `/old` → `/new` plus `/old/<child>` → `/new/<child>` for each child readers may have seen.
 * Keeps the table flat and correct:
 * - an earlier redirect that pointed at a moved path now points at its new place (no chains);
 * - a redirect that would now point at itself is dropped (renaming back and forth);
 * - a redirect from a path that is live again after the move is dropped, so it cannot shadow the page;
 * - a new row replaces an existing row with the same `fromPath`.
 * `existing` must hold every row whose `toPath` is under `fromPrefix` or whose `fromPath` is one of the
 * moved or live paths; other rows are left alone.
 */
export function decideMoveRedirects({
  fromPrefix,
  toPrefix,
  childSlugs,
  existing,
}: {
  fromPrefix: string;
  toPrefix: string;
  childSlugs: readonly string[];
  existing: readonly RedirectRow[];
}): RedirectPlan {
  if (fromPrefix === toPrefix) return { deleteFromPaths: [], insert: [] };
  const moved: RedirectRow[] = [fromPrefix, ...[...new Set(childSlugs)].map((slug) => `${fromPrefix}/${slug}`)].map((fromPath) => ({
    fromPath,
    toPath: rewritePrefix(fromPath, fromPrefix, toPrefix),
  }));
  const live = new Set(moved.map((row) => row.toPath));
  const movedFrom = new Set(moved.map((row) => row.fromPath));

  const deleteFromPaths = new Set<string>();
  const insert: RedirectRow[] = [...moved];
  for (const row of existing) {
    const toPath = rewritePrefix(row.toPath, fromPrefix, toPrefix);
    const replaced = movedFrom.has(row.fromPath);
    const shadowsLivePage = live.has(row.fromPath);
    const loops = toPath === row.fromPath;
    if (replaced || shadowsLivePage || loops) {
      deleteFromPaths.add(row.fromPath);
    } else if (toPath !== row.toPath) {
      deleteFromPaths.add(row.fromPath);
      insert.push({ fromPath: row.fromPath, toPath });
    }
  }
  for (const row of moved) deleteFromPaths.add(row.fromPath);
  return { deleteFromPaths: [...deleteFromPaths], insert };
}

