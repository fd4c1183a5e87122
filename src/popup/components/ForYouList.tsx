// "Suggested on this page" in the popup (issue 15): the entries the "for you" ranking marked on the
// tab the popup opened over, each with why on demand, and a click that scrolls the page to it. With
// nothing to list it says why (fewer than five papers saved, nothing passed over yet, learning).
import { useEffect, useState } from 'preact/hooks';
import type { PageSuggestions } from '../../shared/for-you';
import { describeSuggestions, pageSuggestionsOf, showOnPage } from '../for-you';
import { activeTabId } from '../page-summary';

/** Listed at most; the page's f/F go through all of them. */
const LISTED = 20;

export function ForYouList({ seenHistoryOn }: { seenHistoryOn: boolean }) {
  const [tab, setTab] = useState<{ id: number; page: PageSuggestions } | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    const load = async () => {
      const id = await activeTabId();
      const page = id === undefined ? null : await pageSuggestionsOf(id);
      setTab(id !== undefined && page ? { id, page } : null);
    };
    void load().catch(() => setTab(null));
  }, []);
  if (!tab || tab.page.status === 'off') return null;
  const { page } = tab;
  const status = describeSuggestions(page, seenHistoryOn);
  const listed = page.suggestions.slice(0, LISTED);
  const show = (id: string) => {
    setNote(null);
    showOnPage(tab.id, id).then(
      (shown) => setNote(shown ? null : 'That entry is no longer on the page.'),
      () => setNote('The page did not answer.'),
    );
  };
  return (
    <section class="for-you" data-for-you aria-labelledby="for-you-title">
      <h2 id="for-you-title">
        Suggested on this page{page.suggestions.length > 0 ? ` (${page.suggestions.length})` : ''}
      </h2>
      {status ? <p class="hint" data-for-you-status>{status}</p> : null}
      {listed.length > 0 ? (
        <ul>
          {listed.map((suggestion, i) => (
            <li key={suggestion.id} data-suggestion={suggestion.id}>
              <button type="button" class="link" data-action="show-suggestion" title="Show it on the page" onClick={() => show(suggestion.id)}>
                {suggestion.title}
              </button>{' '}
              <button
                type="button"
                class="why"
                data-action="why-suggested"
                aria-expanded={open === suggestion.id}
                aria-controls={`for-you-why-${i}`}
                onClick={() => setOpen(open === suggestion.id ? null : suggestion.id)}
              >
                Why?
              </button>
              {open === suggestion.id ? (
                <p class="why-text" id={`for-you-why-${i}`} data-why>
                  {suggestion.why}
                  {suggestion.tag ? `\nLooks like your #${suggestion.tag} papers` : ''}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {page.suggestions.length > listed.length ? (
        <p class="hint">
          {page.suggestions.length - listed.length} more: <kbd>f</kbd> on the page goes from one to the next.
        </p>
      ) : null}
      {note ? <p role="status">{note}</p> : null}
    </section>
  );
}
