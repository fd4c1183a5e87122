// The popup's "This page" row: mark the page the popup was opened over, once or always. Shown
// only over an http(s) page. The marker does the work (src/popup/page-marker.ts).
import { useEffect, useState } from 'preact/hooks';
import type { PageMarker } from '../page-marker';

export function PageActions({ marker }: { marker: PageMarker }) {
  const [page, setPage] = useState<{ tabId: number; origin: string } | null>(null);
  const [note, setNote] = useState('');
  useEffect(() => {
    marker.currentPage().then(setPage, () => setPage(null));
  }, [marker]);
  if (!page) return null;
  const host = new URL(page.origin).host;
  const report = (done: Promise<unknown>, text: string) =>
    done.then(
      (ok) => setNote(ok === false ? 'Not turned on: the permission was not given.' : text),
      () => setNote('Shelfmark cannot run on this page.'),
    );
  return (
    <section class="page-actions" aria-label="This page">
      <button type="button" data-action="mark-page" onClick={() => void report(marker.markPage(page.tabId), 'Marking paper links on this page.')}>
        Mark this page
      </button>
      <button
        type="button"
        data-action="always-on-site"
        title={`Mark paper links on every page of ${host}`}
        onClick={() => void report(marker.alwaysOn(page.tabId, page.origin), `Always on for ${host}.`)}
      >
        Always on this site
      </button>
      {note && (
        <span class="page-note" role="status">
          {note}
        </span>
      )}
    </section>
  );
}
