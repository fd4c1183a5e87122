// Hugging Face Papers: daily/weekly/monthly listings, search, single paper pages, collections.
// HF paper ids are arXiv ids, so every entry gets the arXiv key and is shown as the same paper
// on arxiv.org. The page is a set of Svelte islands that re-render cards on client-side
// navigation; the content script re-scans changed subtrees, so `findEntries` accepts any
// subtree, including a single card.
import type { PaperMetadata } from '../shared/paper';
import { arxivKey, parseArxivId } from '../shared/paper-id';
import { collapseWhitespace, textOf, textsOf, textWithout } from './dom-text';
import { hydratedPapers, type HydratedPaper } from './huggingface-props';
import { readEntry } from './entry';
import type { PaperEntry, SiteAdapter } from './types';

const PAGE_KINDS = ['daily', 'search', 'paper', 'collection'] as const;
type PageKind = (typeof PAGE_KINDS)[number];
type HfPage = { kind: Exclude<PageKind, 'paper'> } | { kind: 'paper'; id: string };

const HOST = 'huggingface.co';
const PERIOD = /^\/papers\/(?:date\/\d{4}-\d{2}-\d{2}|week\/\d{4}-W\d{2}|month\/\d{4}-\d{2}|trending)$/u;
const COLLECTION = /^\/collections\/[^/]+\/[^/]+$/u;
const NO_PAPERS: ReadonlyMap<string, HydratedPaper> = new Map();

function classify(url: URL): HfPage | null {
  if (url.hostname !== HOST) return null;
  const path = url.pathname.replace(/\/+$/u, '') || '/';
  if (path === '/papers') {
    return (url.searchParams.get('q') ?? '').trim() ? { kind: 'search' } : { kind: 'daily' };
  }
  if (PERIOD.test(path)) return { kind: 'daily' };
  if (COLLECTION.test(path)) return { kind: 'collection' };
  if (path.startsWith('/papers/')) {
    const parsed = parseArxivId(path.slice('/papers/'.length));
    if (parsed) return { kind: 'paper', id: parsed.id };
  }
  return null;
}

export const huggingface: SiteAdapter = {
  id: 'huggingface',
  hosts: ['https://huggingface.co/papers*', 'https://huggingface.co/collections/*'],
  pageKinds: PAGE_KINDS,
  dynamic: true,
  matches: (url) => classify(url) !== null,
  findEntries(root, url, options) {
    try {
      const page = classify(url);
      if (!page) return [];
      if (page.kind === 'paper') return paperPageEntries(root, url, page.id);
      return cardEntries(root, url, page.kind, options?.limit ?? Infinity);
    } catch {
      // A page we misread must never break the page it runs on.
      return [];
    }
  },
};

function cardEntries(root: ParentNode, url: URL, kind: Exclude<PageKind, 'paper'>, limit: number): PaperEntry[] {
  const cards: Element[] = Array.from(root.querySelectorAll('article'));
  if (isElement(root) && root.matches('article')) cards.unshift(root);
  if (cards.length === 0) return [];
  // Collections have their own island whose shape we have not seen; their cards are read as rendered.
  const hydrated = kind === 'collection' ? NO_PAPERS : hydratedPapers(root, 'DailyPapers');
  const entries: PaperEntry[] = [];
  for (const card of cards) {
    if (entries.length >= limit) break;
    const entry = cardEntry(card, url, kind, hydrated);
    if (entry) entries.push(entry);
  }
  return entries;
}

function cardEntry(
  card: Element,
  url: URL,
  kind: Exclude<PageKind, 'paper'>,
  hydrated: ReadonlyMap<string, HydratedPaper>,
): PaperEntry | null {
  const heading = card.querySelector('h3, h4');
  // Daily cards put the link inside the heading; collection cards wrap the heading in it.
  const link =
    heading?.querySelector('a[href]') ?? heading?.closest('a[href]') ?? card.querySelector('a[href*="/papers/"]');
  if (!link) return null;
  const id = paperIdOfLink(link, url);
  if (!id) return null;
  // The entry's host goes after the anchor: never inside a link, where its buttons would navigate.
  const anchor = heading?.closest('a') ?? heading ?? link;
  const json = hydrated.get(id);
  const rendered: HydratedPaper = {
    title: textOf(heading ?? link) || textOf(link),
    // The card shows at most five avatars in a `flex-row-reverse` list: DOM order is reversed.
    authors: Array.from(card.querySelectorAll('ul li[title]'), (li) => collapseWhitespace(li.getAttribute('title') ?? ''))
      .filter((name) => name !== '')
      .reverse(),
  };
  if (kind === 'search') rendered.abstract = textOf(card, 'p');
  return readEntry(card, anchor, metadata(id, json ?? rendered, rendered, kind, url));
}

function paperPageEntries(root: ParentNode, url: URL, id: string): PaperEntry[] {
  const heading =
    isElement(root) && root.matches('h1') ? root : (root.querySelector('main h1') ?? root.querySelector('h1'));
  if (!heading) return [];
  const doc = (root as Node).ownerDocument ?? (root as Document);
  const section = heading.parentElement ?? heading;
  const rendered: HydratedPaper = {
    title: textOf(heading) || metaContent(doc, 'citation_title') || ogTitle(doc),
    authors: metaContents(doc, 'citation_author'),
    abstract: metaContent(doc, 'citation_abstract') || labelledText(section, 'Abstract'),
  };
  const date = metaDate(metaContent(doc, 'citation_publication_date') || metaContent(doc, 'citation_date'));
  if (date) rendered.date = date;
  if (rendered.authors?.length === 0) rendered.authors = authorsBlock(section);
  const json = hydratedPapers(root, 'PaperContent').get(id);
  return [readEntry(section, heading, metadata(id, json ?? rendered, rendered, 'paper', url))];
}

function metadata(
  id: string,
  preferred: HydratedPaper,
  rendered: HydratedPaper,
  pageKind: PageKind,
  url: URL,
): PaperMetadata {
  const key = arxivKey(id);
  const paper: PaperMetadata = {
    id: key,
    aliases: [key],
    title: preferred.title || rendered.title || '',
    authors: preferred.authors?.length ? preferred.authors : (rendered.authors ?? []),
    absUrl: `https://arxiv.org/abs/${id}`,
    pdfUrl: `https://arxiv.org/pdf/${id}`,
    source: { site: 'huggingface', pageKind, url: url.href },
  };
  const abstract = preferred.abstract || rendered.abstract;
  if (abstract) paper.abstract = abstract;
  const date = preferred.date || rendered.date;
  if (date) paper.date = date;
  return paper;
}

function paperIdOfLink(link: Element, base: URL): string | null {
  const href = link.getAttribute('href');
  if (!href) return null;
  let target: URL;
  try {
    target = new URL(href, base);
  } catch {
    return null;
  }
  if (target.hostname !== HOST || !target.pathname.startsWith('/papers/')) return null;
  return parseArxivId(target.pathname.slice('/papers/'.length).replace(/\/+$/u, ''))?.id ?? null;
}

function isElement(node: ParentNode): node is Element {
  return (node as Node).nodeType === 1;
}

function metaContent(doc: ParentNode, name: string): string {
  return collapseWhitespace(doc.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? '');
}

function metaContents(doc: ParentNode, name: string): string[] {
  return Array.from(doc.querySelectorAll(`meta[name="${name}"]`), (meta) =>
    collapseWhitespace(meta.getAttribute('content') ?? ''),
  ).filter((value) => value !== '');
}

/** Highwire dates are `YYYY/MM/DD` (sometimes with dashes). */
function metaDate(value: string): string | undefined {
  const match = /^(\d{4})[/-](\d{2})[/-](\d{2})$/u.exec(value);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
}

/** `og:title` is "Paper page - <title>" on paper pages. */
function ogTitle(doc: ParentNode): string {
  const content = doc.querySelector('meta[property="og:title"]')?.getAttribute('content') ?? '';
  return collapseWhitespace(content.replace(/^\s*Paper page\s*-\s*/u, ''));
}

/** The heading whose text is `label` (e.g. "Abstract"), and the text that shares its block. */
function labelledBlock(section: Element, label: string): Element | null {
  for (const heading of section.querySelectorAll('h2, h3')) {
    if (textOf(heading).replace(/:$/u, '') === label) return heading.parentElement;
  }
  return null;
}

function labelledText(section: Element, label: string): string {
  return textWithout(labelledBlock(section, label), 'h2, h3');
}

/** Authors with an account are links, the others buttons; both sit in the "Authors:" block. */
function authorsBlock(section: Element): string[] {
  return textsOf(labelledBlock(section, 'Authors'), 'a, button');
}
