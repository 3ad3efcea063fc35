import { transitionArticleFromApi } from '@/lib/api/admin-articles';
import { adminRoute, readJsonBody } from '@/lib/api/route';

/** Admin API: a workflow step (submit, publish, schedule, unpublish, trash…). */
export const POST = adminRoute(async (req) => transitionArticleFromApi(req, req.params.id!, await readJsonBody(req.request)));
