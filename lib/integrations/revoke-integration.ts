import 'server-only';
import { assertCan } from '@/lib/auth/permissions';
import { loadIntegrationOrThrow } from '@/lib/integrations/integration-writes';
import { integrationRefSchema } from '@/lib/integrations/schemas';
import { dbOf, parseInput, recordChange, type OperationArgs, type Outcome } from '@/lib/operations/operation';

/**
 * Revokes an integration for good (`manage:integrations`): its key fails from the next request and its
 * user is disabled; what it wrote stays, attributed to it. Revoking twice changes nothing. Audited
 * `integration.revoked`.
 */
export async function revokeIntegration(ctx: OperationArgs): Promise<Outcome<{ id: string; revokedAt: Date }>> {
  const { actor, ip } = ctx;
  assertCan(actor, 'manage:integrations');
  const { integrationId } = parseInput(integrationRefSchema, ctx.input);
  return dbOf(ctx).$transaction(async (tx) => {
    const integration = await loadIntegrationOrThrow(tx, integrationId);
    if (integration.revokedAt) return { result: { id: integration.id, revokedAt: integration.revokedAt }, change: null };
    const revokedAt = new Date();
    await tx.integration.update({ where: { id: integration.id }, data: { revokedAt } });
    if (integration.userId)
      await tx.user.update({ where: { id: integration.userId }, data: { disabled: true, sessionVersion: { increment: 1 } } });
    const change = await recordChange(tx, {
      actor,
      ip,
      action: 'integration.revoked',
      targetType: 'Integration',
      targetId: integration.id,
      detail: { name: integration.name, publicId: integration.publicId },
      content: null,
    });
    return { result: { id: integration.id, revokedAt }, change };
  });
}
