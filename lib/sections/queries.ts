import 'server-only';
import { cache } from 'react';
import { getDb } from '@/lib/db';

/** Top-level sections in their editorial order, for navigation. */
export const getNavigationSections = cache(async () =>
  getDb().section.findMany({ where: { parentId: null }, orderBy: [{ position: 'asc' }, { name: 'asc' }], select: { name: true, slug: true } }),
);
