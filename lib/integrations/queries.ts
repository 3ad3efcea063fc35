import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';

/** Every integration, newest first, for the admin's integrations page. Throws FORBIDDEN for anyone else. */
export async function listIntegrations({ actor }: { actor: Actor }) {
  if (!can(actor, 'manage:integrations')) throw new AppError('FORBIDDEN');
  return getDb().integration.findMany({
    orderBy: { createdAt: 'desc' },
    select: {
      id: true,
      name: true,
      description: true,
      scope: true,
      publicId: true,
      lastUsedAt: true,
      rotatedAt: true,
      revokedAt: true,
      createdAt: true,
      user: { select: { role: true } },
      createdBy: { select: { name: true } },
    },
  });
}

export type IntegrationRow = Awaited<ReturnType<typeof listIntegrations>>[number];
