import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { logoutAction } from '@/app/(auth)/login/actions';
import { DashboardNav, type NavItem } from '@/components/dashboard/dashboard-nav';
import { can } from '@/lib/auth/permissions';
import { requireActor } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';
import { dashboardRoutes } from '@/lib/routes';
import { listFailingWebhookEndpoints } from '@/lib/webhooks/queries';

export const metadata: Metadata = { title: { default: 'Dashboard', template: '%s | Dashboard' }, robots: { index: false } };

const ROLE_LABEL = { ADMIN: 'Admin', EDITOR: 'Editor', WRITER: 'Writer' } as const;

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  const items: NavItem[] = [
    { href: dashboardRoutes.home(), label: 'Home' },
    { href: dashboardRoutes.articles(), label: 'Articles' },
    { href: dashboardRoutes.media(), label: 'Media' },
    ...(can(actor, 'manage:sections') ? [{ href: dashboardRoutes.sections(), label: 'Sections' }] : []),
    ...(can(actor, 'manage:campaigns') ? [{ href: dashboardRoutes.campaigns(), label: 'Campaigns' }] : []),
    ...(can(actor, 'manage:authors') ? [{ href: dashboardRoutes.authors(), label: 'Authors' }] : []),
    ...(can(actor, 'manage:pages') ? [{ href: dashboardRoutes.pages(), label: 'Pages' }] : []),
    ...(can(actor, 'manage:users') ? [{ href: dashboardRoutes.users(), label: 'Users' }] : []),
    ...(can(actor, 'manage:integrations') ? [{ href: dashboardRoutes.integrations(), label: 'Integrations' }] : []),
    ...(can(actor, 'manage:newsletters') ? [{ href: dashboardRoutes.newsletters(), label: 'Newsletters' }] : []),
    ...(can(actor, 'manage:webhooks') ? [{ href: dashboardRoutes.webhooks(), label: 'Webhooks' }] : []),
    ...(can(actor, 'read:audit-log') ? [{ href: dashboardRoutes.audit(), label: 'Audit log' }] : []),
  ];
  const failing = await listFailingWebhookEndpoints({ actor });
  return (
    <div className="min-h-screen bg-neutral-50">
      <a href="#dashboard-main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-10 focus:rounded focus:bg-white focus:p-2">
        Skip to content
      </a>
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-neutral-200 bg-white px-4 py-3">
        <p className="font-bold">{getEnv().SITE_NAME} newsroom</p>
        <div className="flex items-center gap-3 text-sm">
          <p>
            <span className="font-medium">{actor.name}</span> <span className="rounded bg-neutral-100 px-2 py-0.5 text-neutral-700">{ROLE_LABEL[actor.role]}</span>
          </p>
          <form action={logoutAction}>
            <button type="submit" className="rounded border border-neutral-400 px-3 py-1.5 hover:bg-neutral-100 focus:outline-2 focus:outline-offset-1 focus:outline-blue-700">
              Sign out
            </button>
          </form>
        </div>
      </header>
      <div className="mx-auto flex max-w-7xl flex-col gap-4 px-4 py-4 md:flex-row md:gap-8">
        {/* The nav is the landmark; an unlabelled <aside> around it was a second, nameless one. */}
        <div className="md:w-48 md:shrink-0">
          <DashboardNav items={items} />
        </div>
        <main id="dashboard-main" tabIndex={-1} className="min-w-0 flex-1 focus:outline-none">
          {failing.length ? (
            <p role="status" className="mb-4 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
              {failing.length === 1 ? 'A webhook endpoint was' : `${failing.length} webhook endpoints were`} disabled for failing ({failing.map((f) => f.url).join(', ')}).{' '}
              <Link href={dashboardRoutes.webhooks()} className="underline">
                See the delivery log
              </Link>
              .
            </p>
          ) : null}
          {children}
        </main>
      </div>
    </div>
  );
}
