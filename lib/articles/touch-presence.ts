import 'server-only';
import { assertCan } from '@/lib/auth/permissions';
import { articleForActorWhere } from '@/lib/articles/permissions';
import { articleRefSchema } from '@/lib/articles/schemas';
import { AppError } from '@/lib/errors';
import { dbOf, parseInput, type OperationArgs, type Outcome } from '@/lib/operations/operation';

/**
 * Marks the actor as having the article open now (the editor's heartbeat, every ~10 s) and returns the
 * names of the others who had it open in the last 30 seconds. Presence is not content: no audit row and
 * no change record.
 */
export async function touchPresence(ctx: OperationArgs): Promise<Outcome<{ others: string[] }>> {
  const { actor } = ctx;
  assertCan(actor, 'access:dashboard');
  const { articleId } = parseInput(articleRefSchema, ctx.input);
  const db = dbOf(ctx);
  const visible = await db.article.findFirst({ where: articleForActorWhere(actor, articleId), select: { id: true } });
  if (!visible) throw new AppError('NOT_FOUND', 'This article does not exist or you may not see it.');
  await db.articlePresence.upsert({
    where: { articleId_userId: { articleId, userId: actor.id } },
    update: { seenAt: new Date() },
    create: { articleId, userId: actor.id },
  });
  const others = await db.articlePresence.findMany({
    where: { articleId, userId: { not: actor.id }, seenAt: { gte: new Date(Date.now() - 30_000) } },
    select: { user: { select: { name: true } } },
  });
  return { result: { others: others.map((r) => r.user.name) }, change: null };
}
