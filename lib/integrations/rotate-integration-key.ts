import 'server-only';
import { assertCan } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors';
import { generateKey } from '@/lib/integrations/decide-key';
import { loadIntegrationOrThrow } from '@/lib/integrations/integration-writes';
import { integrationRefSchema } from '@/lib/integrations/schemas';
import { dbOf, parseInput, recordChange, type OperationArgs, type Outcome } from '@/lib/operations/operation';

/**
 * Gives an integration a new key and makes the old one fail from the next request (`manage:integrations`):
 * for a key that leaked or a system that changed hands. The integration, its user and its history stay.
 * A revoked integration cannot be rotated back to life. Audited `integration.rotated`.
 */
export async function rotateIntegrationKey(ctx: OperationArgs): Promise<Outcome<{ id: string; key: string }>> {
  const { actor, ip } = ctx;
  assertCan(actor, 'manage:integrations');
  const { integrationId } = parseInput(integrationRefSchema, ctx.input);
  return dbOf(ctx).$transaction(async (tx) => {
    const integration = await loadIntegrationOrThrow(tx, integrationId);
    if (integration.revokedAt) throw new AppError('CONFLICT', 'This integration is revoked: create a new one instead.');
    const key = generateKey(integration.scope === 'ADMIN' ? 'admin' : 'content');
    const done = await tx.integration.updateMany({
      where: { id: integration.id, publicId: integration.publicId, revokedAt: null },
      data: { publicId: key.publicId, secretHash: key.secretHash, rotatedAt: new Date() },
    });
    if (done.count === 0) throw new AppError('CONFLICT', 'Someone else changed this integration just now. Reload and try again.');
    const change = await recordChange(tx, {
      actor,
      ip,
      action: 'integration.rotated',
      targetType: 'Integration',
      targetId: integration.id,
      detail: { name: integration.name, from: integration.publicId, to: key.publicId },
      content: null,
    });
    return { result: { id: integration.id, key: key.key }, change };
  });
}
