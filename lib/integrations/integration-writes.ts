import 'server-only';
import { randomBytes } from 'node:crypto';
import { hashSecret } from '@/lib/integrations/decide-key';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';

type Tx = Prisma.TransactionClient;

/** The address of an integration's own user: `.invalid` (RFC 2606) can never receive mail or be typed into sign-in by mistake. */
export const integrationEmailOf = (publicId: string) => `${publicId}@integrations.invalid`;

/**
 * A password hash no password matches: not a PHC string, so argon2 refuses it (and sign-in refuses
 * integration users before that anyway).
 */
export const unusablePasswordHash = () => `!integration:${hashSecret(randomBytes(32).toString('base64url'))}`;

/** Loads an integration inside the transaction, or NOT_FOUND. */
export async function loadIntegrationOrThrow(tx: Tx, integrationId: string) {
  const integration = await tx.integration.findUnique({ where: { id: integrationId } });
  if (!integration) throw new AppError('NOT_FOUND', 'No such integration.');
  return integration;
}
