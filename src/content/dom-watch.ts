// Client-side apps (Hugging Face) add entries and change the URL without a reload. One observer
// on the document collects what was added, debounced, and hands over the smallest set of
// subtrees to re-scan; our own hosts and whatever happens around them are ignored.
import { HOST_TAG } from './entry-view';

export interface DomChanges {
  /** Parents of added nodes (adapters find entries below a root, not the root itself). */
  roots: Element[];
  /** Some node was removed: hosts or entries may be gone. */
  removed: boolean;
  /** location.href changed since the last batch. */
  urlChanged: boolean;
}

const DEBOUNCE_MS = 60;
// Under constant mutation (a live feed), still scan at least this often.
const MAX_WAIT_MS = 300;

export function watchDom(doc: Document, win: Window, onChanges: (changes: DomChanges) => void): () => void {
  const roots = new Set<Element>();
  let removed = false;
  let href = win.location.href;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstPending = 0;

  function flush() {
    timer = undefined;
    firstPending = 0;
    const urlChanged = win.location.href !== href;
    href = win.location.href;
    const minimal = minimalRoots([...roots]);
    const hadRemovals = removed;
    roots.clear();
    removed = false;
    if (minimal.length > 0 || hadRemovals || urlChanged) onChanges({ roots: minimal, removed: hadRemovals, urlChanged });
  }

  function schedule() {
    const now = Date.now();
    if (!firstPending) firstPending = now;
    clearTimeout(timer);
    timer = setTimeout(flush, now - firstPending >= MAX_WAIT_MS ? 0 : DEBOUNCE_MS);
  }

  const observer = new MutationObserver((records) => {
    let relevant = false;
    for (const record of records) {
      // Our own hosts going in (thousands on a long page) are passed over before anything is read.
      const added = [...record.addedNodes].filter((node) => node.nodeType === 1 && (node as Element).localName !== HOST_TAG);
      const removedElement = [...record.removedNodes].some((node) => node.nodeType === 1);
      if ((added.length === 0 && !removedElement) || insideHost(record.target)) continue;
      for (const node of added) {
        const parent = node.parentElement;
        if (parent) {
          roots.add(parent);
          relevant = true;
        }
      }
      if (removedElement) {
        removed = true;
        relevant = true;
      }
    }
    if (relevant || win.location.href !== href) schedule();
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  // Back/forward in a client-side app may change the URL before (or without) touching the DOM.
  const onPopState = () => schedule();
  win.addEventListener('popstate', onPopState);

  return () => {
    observer.disconnect();
    win.removeEventListener('popstate', onPopState);
    clearTimeout(timer);
  };
}

function insideHost(node: Node): boolean {
  for (let current: Node | null = node; current; current = current.parentNode) {
    if (current.nodeType === 1 && (current as Element).localName === HOST_TAG) return true;
  }
  return false;
}

/** Drops roots that are inside another root or no longer in the document. */
export function minimalRoots(candidates: Element[]): Element[] {
  const connected = candidates.filter((root) => root.isConnected);
  return connected.filter((root) => !connected.some((other) => other !== root && other.contains(root)));
}
