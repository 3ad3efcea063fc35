'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { dashboardRoutes } from '@/lib/routes';

export type NavItem = { href: string; label: string };

/** The dashboard's main navigation; marks the current section with aria-current. */
export function DashboardNav({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Dashboard">
      <ul className="flex flex-wrap gap-1 md:flex-col">
        {items.map((item) => {
          const current = item.href === dashboardRoutes.home() ? pathname === item.href : pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? 'page' : undefined}
                className={`block rounded px-3 py-2 text-sm focus:outline-2 focus:outline-offset-1 focus:outline-blue-700 ${current ? 'bg-neutral-900 font-semibold text-white' : 'text-neutral-800 hover:bg-neutral-200'}`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
