import 'server-only';
import { isOperator, type Actor, type OperatorActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { generateKey } from '@/lib/integrations/decide-key';
import { integrationEmailOf, unusablePasswordHash } from '@/lib/integrations/integration-writes';
import { createIntegrationSchema } from '@/lib/integrations/schemas';
import { dbOf, parseInput, recordChange, type OperationArgs, type Outcome } from '@/lib/operations/operation';

/**
 * Creates an integration (`manage:integrations`, or the server's command line) and returns its key,
 * the only time the key's text exists: only its secret's hash is stored. An admin integration gets its
 * own user with the chosen role (kind INTEGRATION: it never signs in), so what it writes is attributed
 * and audited as that integration. Audited `integration.created`.
 */
export async function createIntegration(
  ctx: Omit<OperationArgs, 'actor'> & { actor: Actor | OperatorActor },
): Promise<Outcome<{ id: string; name: string; scope: 'content' | 'admin'; key: string }>> {
  const { actor, ip } = ctx;
  if (!isOperator(actor)) assertCan(actor, 'manage:integrations');
  const { name, description, scope, role } = parseInput(createIntegrationSchema, ctx.input);
  const key = generateKey(scope);
  return dbOf(ctx).$transaction(async (tx) => {
    const user =
      scope === 'admin' && role
        ? await tx.user.create({
            data: { kind: 'INTEGRATION', email: integrationEmailOf(key.publicId), name, role, passwordHash: unusablePasswordHash() },
            select: { id: true },
          })
        : null;
    const integration = await tx.integration.create({
      data: {
        name,
        description,
        scope: scope === 'admin' ? 'ADMIN' : 'CONTENT',
        publicId: key.publicId,
        secretHash: key.secretHash,
        userId: user?.id ?? null,
        createdById: isOperator(actor) ? null : actor.id,
      },
      select: { id: true, name: true },
    });
    const change = await recordChange(tx, {
      actor: isOperator(actor) ? null : actor,
      ip,
      action: 'integration.created',
      targetType: 'Integration',
      targetId: integration.id,
      detail: { name, scope, ...(role ? { role } : {}), publicId: key.publicId, ...(isOperator(actor) ? { via: 'cli' } : {}) },
      content: null,
    });
    return { result: { id: integration.id, name: integration.name, scope, key: key.key }, change };
  });
}
