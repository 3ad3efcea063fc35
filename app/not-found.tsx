import { homePath } from '@/lib/routes';

export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-2xl px-4 py-16">
      <h1 className="font-serif text-3xl font-bold">Page not found</h1>
      <p className="mt-4 text-neutral-700">
        We could not find that page. It may have moved, or it may not have been published yet.
      </p>
      <p className="mt-4">
        <a href={homePath()} className="font-semibold text-brand underline">
          Go to the front page
        </a>
      </p>
    </main>
  );
}
