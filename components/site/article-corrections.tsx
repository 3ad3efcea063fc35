import { CORRECTION_KIND_LABEL, newestFirst, standfirstNoteOf, type ReaderCorrection } from '@/lib/articles/corrections';
import { correctionAnchor, CORRECTIONS_ANCHOR, correctionsPath } from '@/lib/routes';
import { formatDate, formatDateTime } from '@/lib/text/format-date';

/**
 * The short note under the standfirst when the article has been corrected (kind CORRECTION only, as the
 * Guardian and the NYT do): the date of the newest correction and a link to the corrections at its foot.
 */
export function CorrectionNote({ corrections }: { corrections: readonly ReaderCorrection[] }) {
  const newest = standfirstNoteOf(corrections);
  if (!newest) return null;
  return (
    <p className="mt-3 border-l-4 border-amber-600 bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid="correction-note">
      <strong className="font-semibold">This article was corrected</strong> on{' '}
      <time dateTime={newest.publishedAt.toISOString()}>{formatDate(newest.publishedAt)}</time>.{' '}
      <a href={`#${CORRECTIONS_ANCHOR}`} className="underline underline-offset-2">
        Read the correction
      </a>
    </p>
  );
}

/**
 * The corrections, clarifications and updates at the article's foot, newest first: each with its kind,
 * its date and its text (plain text, shown as written: never HTML), and a link to every correction.
 */
export function CorrectionsFoot({ corrections }: { corrections: readonly ReaderCorrection[] }) {
  if (corrections.length === 0) return null;
  return (
    <section id={CORRECTIONS_ANCHOR} aria-labelledby="corrections-heading" className="mt-8 scroll-mt-4 border-t-2 border-neutral-900 pt-3">
      <h2 id="corrections-heading" className="text-sm font-bold uppercase tracking-wide text-neutral-800">
        Corrections and updates
      </h2>
      <ol className="mt-2 space-y-3">
        {newestFirst(corrections).map((c) => (
          <li key={c.id} id={correctionAnchor(c.id)} className="scroll-mt-4 font-serif text-base leading-relaxed text-neutral-800">
            <p className="font-sans text-sm text-neutral-700">
              <span className="font-semibold text-neutral-900">{CORRECTION_KIND_LABEL[c.kind]}</span>
              {' · '}
              <time dateTime={c.publishedAt.toISOString()}>{formatDateTime(c.publishedAt)}</time>
            </p>
            <p className="mt-1 whitespace-pre-line">{c.text}</p>
          </li>
        ))}
      </ol>
      <p className="no-print mt-3 text-sm">
        <a href={correctionsPath()} className="text-brand underline underline-offset-2">
          All corrections
        </a>
      </p>
    </section>
  );
}
