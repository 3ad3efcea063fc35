import 'server-only';
import { staleVersionError } from '@/lib/audit/queries';
import { assertCan } from '@/lib/auth/permissions';
import { campaignAuditDates } from '@/lib/campaigns/campaign-writes';
import { updateCampaignSchema } from '@/lib/campaigns/schemas';
import { AppError } from '@/lib/errors';
import { contentScope } from '@/lib/operations/content-scope';
import { dbOf, parseInput, recordChange, type OperationArgs, type Outcome } from '@/lib/operations/operation';
import { assertSlugFree, mapSlugRace } from '@/lib/operations/unique-slug';
import { applyMoveRedirects } from '@/lib/redirects/mutations';
import { campaignPath } from '@/lib/routes';

/**
 * Saves a campaign conditional on `version` (CONFLICT naming who changed it otherwise;
 * `manage:campaigns`). A new slug answers 301 from the old campaign page, with earlier redirects to it
 * pointed at the new one; audited `campaign.updated` in the same transaction.
 */
export async function updateCampaign(ctx: OperationArgs): Promise<Outcome<{ id: string; slug: string; version: number }>> {
  const { actor, ip } = ctx;
  assertCan(actor, 'manage:campaigns');
  const { id, version, ...data } = parseInput(updateCampaignSchema, ctx.input);
  return dbOf(ctx)
    .$transaction(async (tx) => {
      const before = await tx.campaign.findUnique({ where: { id } });
      if (!before) throw new AppError('NOT_FOUND', 'This campaign no longer exists.');
      if (data.slug !== before.slug) await assertSlugFree('campaign', (where) => tx.campaign.findFirst({ where, select: { name: true } }), data.slug, id);
      const updated = await tx.campaign.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } });
      if (updated.count === 0) throw await staleVersionError(tx, { targetType: 'Campaign', targetId: id, label: `the campaign “${before.name}”` });
      const redirects = await applyMoveRedirects(tx, { fromPrefix: campaignPath(before.slug), toPrefix: campaignPath(data.slug), childSlugs: [] });
      const change = await recordChange(tx, {
        actor,
        ip,
        action: 'campaign.updated',
        targetType: 'Campaign',
        targetId: id,
        detail: { before: { name: before.name, slug: before.slug, disclosureLabel: before.disclosureLabel }, after: { ...data, ...campaignAuditDates(data) }, redirects },
        content: contentScope({ campaignSlugs: [...new Set([before.slug, data.slug])], lists: true }),
      });
      return { result: { id, slug: data.slug, version: version + 1 }, change };
    })
    .catch(mapSlugRace('campaign'));
}
