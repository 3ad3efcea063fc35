/** The page footer. */
export function SiteFooter({ siteName }: { siteName: string }) {
  return (
    <footer className="mt-16 border-t border-neutral-300 bg-neutral-50">
      <div className="mx-auto max-w-6xl px-4 py-8 text-sm text-neutral-700">
        <p>
          {siteName} is published with Masthead, an open-source news platform.
        </p>
      </div>
    </footer>
  );
}
