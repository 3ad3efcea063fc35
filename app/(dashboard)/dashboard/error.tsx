'use client';

import { ErrorNotice } from '@/components/ui/error-notice';
import { dashboardRoutes } from '@/lib/routes';

/** A dashboard page's unexpected failure, shown inside the dashboard's navigation so editors can carry on elsewhere. */
export default function DashboardError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorNotice error={error} retry={retry} homeHref={dashboardRoutes.home()} />;
}
