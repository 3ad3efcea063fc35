import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { getEnv } from '@/lib/env';
import './globals.css';

export function generateMetadata(): Metadata {
  const env = getEnv();
  return {
    metadataBase: new URL(env.siteUrl),
    title: { default: env.SITE_NAME, template: `%s | ${env.SITE_NAME}` },
    description: `${env.SITE_NAME}: independent reporting on science, technology, climate, business, health and culture.`,
  };
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang={getEnv().SITE_LANGUAGE}>
      <body className="bg-white font-sans text-neutral-900 antialiased">{children}</body>
    </html>
  );
}
