// Hugging Face renders each page as Svelte islands; every island's server state sits in
// `div.SVELTE_HYDRATER[data-target=<Component>][data-props=<JSON>]`. It holds what the cards
// leave out (abstracts, every author in order, dates), but it is the state of the page as first
// served: after client-side navigation it still describes the old listing. Callers therefore
// only look papers up by the id of a card that is actually rendered.
import { parseArxivId } from '../shared/paper-id';
import { collapseWhitespace } from './dom-text';

export interface HydratedPaper {
  title?: string;
  abstract?: string;
  authors?: string[];
  /** YYYY-MM-DD */
  date?: string;
}

/** Keyed by arXiv id without version. */
export type HydratedPapers = ReadonlyMap<string, HydratedPaper>;

const EMPTY: HydratedPapers = new Map();

// The daily props are ~200 KB of JSON and the content script calls findEntries once per changed
// subtree, so parse each island once for as long as its attribute is unchanged.
const cache = new WeakMap<Element, { raw: string; papers: HydratedPapers }>();

export function hydratedPapers(root: ParentNode, component: string): HydratedPapers {
  try {
    const doc = (root as Node).ownerDocument ?? root;
    const island = doc.querySelector(`div.SVELTE_HYDRATER[data-target="${component}"][data-props]`);
    const raw = island?.getAttribute('data-props');
    if (!island || !raw) return EMPTY;
    const cached = cache.get(island);
    if (cached && cached.raw === raw) return cached.papers;
    const papers = papersInProps(JSON.parse(raw));
    cache.set(island, { raw, papers });
    return papers;
  } catch {
    return EMPTY;
  }
}

/**
 * The paper page keeps its paper under `paper`; listings keep arrays of `{paper: {...}, ...}`
 * (`dailyPapers`, and whatever the search view calls its results). Anything of another shape is
 * ignored rather than trusted.
 */
function papersInProps(props: unknown): HydratedPapers {
  const papers = new Map<string, HydratedPaper>();
  if (!isRecord(props)) return papers;
  const consider = (item: unknown): void => {
    if (!isRecord(item)) return;
    const paper = isRecord(item.paper) ? item.paper : item;
    const read = readPaper(paper, item);
    if (read && !papers.has(read.id)) papers.set(read.id, read.paper);
  };
  consider(props);
  for (const value of Object.values(props)) {
    if (Array.isArray(value)) value.forEach(consider);
  }
  return papers;
}

function readPaper(
  paper: Record<string, unknown>,
  item: Record<string, unknown>,
): { id: string; paper: HydratedPaper } | null {
  if (typeof paper.id !== 'string') return null;
  const parsed = parseArxivId(paper.id);
  if (!parsed) return null;
  const out: HydratedPaper = {};
  const title = text(paper.title) || text(item.title);
  if (title) out.title = title;
  const abstract = text(paper.summary) || text(item.summary);
  if (abstract) out.abstract = abstract;
  if (Array.isArray(paper.authors)) {
    out.authors = paper.authors
      .map((author) => (isRecord(author) ? text(author.name) : ''))
      .filter((name) => name !== '');
  }
  const date = isoDate(paper.publishedAt);
  if (date) out.date = date;
  return { id: parsed.id, paper: out };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  return typeof value === 'string' ? collapseWhitespace(value) : '';
}

function isoDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d{4}-\d{2}-\d{2})(?:T|$)/u.exec(value);
  return match?.[1];
}
