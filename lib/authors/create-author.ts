import 'server-only';
import { assertCan } from '@/lib/auth/permissions';
import { checkAuthorReferences, mapAuthorRace } from '@/lib/authors/author-writes';
import { createAuthorSchema } from '@/lib/authors/schemas';
import { contentScope } from '@/lib/operations/content-scope';
import { dbOf, parseInput, recordChange, type OperationArgs, type Outcome } from '@/lib/operations/operation';
import { clearRedirectFrom } from '@/lib/redirects/mutations';
import { authorPath } from '@/lib/routes';

/** Creates an author profile (`manage:authors`); audited `author.created`. */
export async function createAuthor(ctx: OperationArgs): Promise<Outcome<{ id: string; slug: string; name: string }>> {
  const { actor, ip } = ctx;
  assertCan(actor, 'manage:authors');
  const data = parseInput(createAuthorSchema, ctx.input);
  return dbOf(ctx)
    .$transaction(async (tx) => {
      await checkAuthorReferences(tx, data);
      const created = await tx.author.create({ data, select: { id: true, slug: true, name: true } });
      await clearRedirectFrom(tx, authorPath(data.slug));
      const change = await recordChange(tx, {
        actor,
        ip,
        action: 'author.created',
        targetType: 'Author',
        targetId: created.id,
        detail: data,
        content: contentScope({ authorSlugs: [data.slug], lists: true }),
      });
      return { result: created, change };
    })
    .catch(mapAuthorRace);
}
