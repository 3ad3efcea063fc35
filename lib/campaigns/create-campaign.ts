import 'server-only';
import { assertCan } from '@/lib/auth/permissions';
import { campaignAuditDates } from '@/lib/campaigns/campaign-writes';
import { createCampaignSchema } from '@/lib/campaigns/schemas';
import { contentScope } from '@/lib/operations/content-scope';
import { dbOf, parseInput, recordChange, type OperationArgs, type Outcome } from '@/lib/operations/operation';
import { assertSlugFree, mapSlugRace } from '@/lib/operations/unique-slug';
import { clearRedirectFrom } from '@/lib/redirects/mutations';
import { campaignPath } from '@/lib/routes';

/** Creates a campaign (`manage:campaigns`); audited `campaign.created`. */
export async function createCampaign(ctx: OperationArgs): Promise<Outcome<{ id: string; slug: string; name: string }>> {
  const { actor, ip } = ctx;
  assertCan(actor, 'manage:campaigns');
  const data = parseInput(createCampaignSchema, ctx.input);
  return dbOf(ctx)
    .$transaction(async (tx) => {
      await assertSlugFree('campaign', (where) => tx.campaign.findFirst({ where, select: { name: true } }), data.slug, undefined, { name: data.name });
      const created = await tx.campaign.create({ data, select: { id: true, slug: true, name: true } });
      await clearRedirectFrom(tx, campaignPath(data.slug));
      const change = await recordChange(tx, {
        actor,
        ip,
        action: 'campaign.created',
        targetType: 'Campaign',
        targetId: created.id,
        detail: { ...data, ...campaignAuditDates(data) },
        content: contentScope({ campaignSlugs: [data.slug], lists: true }),
      });
      return { result: created, change };
    })
    .catch(mapSlugRace('campaign'));
}
