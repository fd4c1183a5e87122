// The link finder: on pages no site adapter reads (OpenReview, Semantic Scholar, PubMed,
// bioRxiv, proceedings, a lab's reading list, a blog, a feed), every link to a paper a scheme in
// src/shared/ids knows becomes an entry. Pure DOM → entries, like every adapter.
//
// Grouping (issue 10): links are grouped by the nearest list item, table row, card or paragraph
// that holds them. In a group, links that name the same paper (its abstract and its PDF, or two
// ids the link itself proves) are one entry; two papers are two entries. Links of different
// schemes with at most one title among them join as one paper's aliases (an arXiv link beside a
// DOI link) where the group is one item (list item, row, card), or where the second link sits
// right after the first in prose ("Title [pdf] [arXiv]"). The host goes right after the entry's
// best link: its title-like link, else its first landing-page link.
//
// Reading (a page may hold 10,000 links, most of them to anything but papers): one selector picks
// the links whose href holds a paper host's name or a DOI, or, on a paper host's own pages, a
// relative path where that host keeps its papers; the browser's selector engine matches it, so
// the other links never reach script. Only those are read, their hrefs as text (no URL built for
// a plain one), and the entries come out as they are pulled (readEntries): the content script
// reads the first screen, then the rest a slice per task, and the page is read once.
import type { PaperId, PaperMetadata } from '../shared/paper';
import { ID_SCHEMES, PAPER_HOSTS, paperIdFromUrl, type PaperLink } from '../shared/ids/index';
import type { IdScheme } from '../shared/ids/scheme';
import { parseHref } from '../shared/ids/url';
import { collapseWhitespace } from './dom-text';
import { lazyEntry, takeEntries } from './entry';
import type { PaperEntry, SiteAdapter } from './types';

const PAPER_HOST_SET = new Set(PAPER_HOSTS);
// The host of an absolute or protocol-relative href, without `www.`. No `u` flag: ASCII-only.
const ABSOLUTE = /^(?:https?:)?\/\/(?:www\.)?([^/?#:@]+)/i;
// A DOI in a publisher's URL (`/doi/10.1145/…`, `?doi=10.…`, encoded `10.1000%2F…`).
const DOI_HINT = /10\.\d{4,9}(?:\/|%2F)/i;
const MAX_HREF = 2_000;

/**
 * Substrings one of which the href of every absolute paper link holds: each of PAPER_HOSTS holds
 * one (test/unit/links.test.ts checks), and `10.` begins every DOI. As written: hosts in hrefs are
 * lower case but for arXiv's own spelling, and a case-insensitive match costs the page ten times more.
 */
export const HREF_NEEDLES: readonly string[] = [
  'xiv.org', // arxiv.org, alphaxiv.org, biorxiv.org, medrxiv.org
  'Xiv.org', // arXiv.org
  'doi.org',
  'openreview.net',
  'nih.gov',
  'semanticscholar.org',
  'huggingface.co',
  'hf.co',
  'aclanthology.org',
  'aclweb.org',
  'mlr.', // proceedings.mlr.press, jmlr.org
  'ips.cc', // neurips.cc, nips.cc
  'thecvf.com',
  'europepmc.org',
  '10.',
];
const ABSOLUTE_LINKS = HREF_NEEDLES.map((needle) => `[href*="${needle}"]`).join(',');
const linkSelectors = new Map<string, string>();

/** The selector for a page's candidate links: absolute ones by their needles, relative ones on a paper host by its papers' paths. */
function linkSelector(pageHost: string): string {
  let selector = linkSelectors.get(pageHost);
  if (selector) return selector;
  const schemes = (Object.values(ID_SCHEMES) as IdScheme<unknown>[]).filter((scheme) => scheme.hosts.includes(pageHost));
  let relative = '';
  if (schemes.length > 0) {
    const paths = schemes.every((scheme) => scheme.paths) ? schemes.flatMap((scheme) => scheme.paths!) : null;
    // Without paths any relative link may name a paper here.
    relative = paths ? paths.map((path) => `,[href^="${path}"]`).join('') : ',:not([href*=":"])';
  }
  selector = `a[href]:is(${ABSOLUTE_LINKS}${relative})`;
  linkSelectors.set(pageHost, selector);
  return selector;
}

// Tags that hold one item; among other elements, a class word that names an item or card.
const ITEM_TAGS = new Set(['li', 'tr', 'article', 'dd', 'dt', 'figure']);
// Table cells are not groups: a row's title cell and its PDF cell are one paper.
const PROSE_TAGS = new Set(['p', 'blockquote', 'caption', 'figcaption', 'section', 'main', 'body']);
// A class token that ends in a card word (`cl-paper-row`, `search-result`, `highwire-cite`, `note`);
// not a part of one (`cl-paper-actions`, `highwire-cite-title`) nor a list of them (`search-results`).
const CARD_CLASS = /(?:^|[-_])(?:card|result|paper|entry|item|row|docsum|cite|citation|publication|note|post|tweet|reference|ref)$/i;
// How far up a link's group is looked for: cards nest their links a few levels deep.
const MAX_GROUP_DEPTH = 10;

/** The name hosts are made with (src/content/entry-view.ts HOST_TAG); sites do not import content. */
const HOST_TAG = 'shelfmark-entry';

// Words that label a link rather than title a paper ("[PDF]", "arXiv", "Project page", "here").
const LABEL_WORDS = new Set(
  (
    'pdf html abs abstract arxiv doi paper papers link links here full text fulltext preprint openreview pubmed pmc ' +
    'europe code bibtex bib slides poster video project page website semantic scholar s2 biorxiv medrxiv pmlr ' +
    'proceedings neurips nips cvf alphaxiv hugging face hf huggingface view download read reviews review forum ' +
    'supplementary supplemental supp the this our a an on at in of version published article journal discussion ' +
    'blog post source github open access and or pre-print camera-ready talk demo openaccess acl anthology ' +
    // Words that point at a paper in prose ("see its experiments", "this one") without naming it.
    'its their his her my your we us see also et al that these those one work'
  ).split(' '),
);
const WORD_SPLIT = /[\s[\](){}<>|,;:!?"'“”‘’·•–—/]+/;
const HEADING = 'h1, h2, h3, h4, h5, h6, [class*="title"], cite, strong, b, em, i';

type GroupKind = 'item' | 'prose';

interface FoundLink {
  a: Element;
  link: PaperLink;
  group: Element;
  kind: GroupKind;
  /** The link's text, read once (textOfLink). */
  text?: string;
}

interface Cluster {
  links: FoundLink[];
  keys: Set<PaperId>;
  schemes: Set<string>;
}

export const links: SiteAdapter = {
  id: 'links',
  // Long-tail research hosts where the link finder runs by default (README "Paper links anywhere").
  // Other hosts only when the user asks (popup "Mark this page", "Always on this site").
  hosts: [
    'https://openreview.net/*',
    'https://www.semanticscholar.org/*',
    'https://pubmed.ncbi.nlm.nih.gov/*',
    'https://pmc.ncbi.nlm.nih.gov/*',
    'https://www.biorxiv.org/*',
    'https://www.medrxiv.org/*',
    'https://proceedings.mlr.press/*',
    'https://proceedings.neurips.cc/*',
    'https://papers.nips.cc/*',
    'https://www.alphaxiv.org/*',
  ],
  pageKinds: ['links'],
  // Runs on its hosts except where a site adapter's do, in the generic content script.
  generic: true,
  // OpenReview, Semantic Scholar, alphaXiv and social feeds render client-side.
  dynamic: true,
  // Any web page: the registry gives a page to the link finder only when no site adapter takes it.
  matches: (url) => url.protocol === 'https:' || url.protocol === 'http:',
  findEntries: (root, url, options) => takeEntries(readLinkEntries(root, url), options?.limit),
  readEntries: readLinkEntries,
};

/**
 * The entries of the page's paper links, group by group in document order of their first link.
 * A group is given out once the walk has left it (groups nest or stand apart, so a group the
 * walk has left gets no more links); the groups inside it wait behind it.
 */
function* readLinkEntries(root: ParentNode, pageUrl: URL): Generator<PaperEntry, void> {
  const pageHost = pageUrl.hostname.toLowerCase().replace(/^www\./, '');
  const pageOnPaperHost = PAPER_HOST_SET.has(pageHost);
  const open: FoundLink[][] = [];
  const byGroup = new Map<Element, FoundLink[]>();
  for (const a of root.querySelectorAll(linkSelector(pageHost))) {
    const link = paperLinkOf(a, pageUrl, pageOnPaperHost);
    if (!link) continue;
    while (open.length > 0 && !open[0]![0]!.group.contains(a)) {
      const done = open.shift()!;
      byGroup.delete(done[0]!.group);
      yield* groupEntries(done, pageUrl);
    }
    const found = withGroup(a, link);
    const known = byGroup.get(found.group);
    if (known) known.push(found);
    else {
      const links = [found];
      byGroup.set(found.group, links);
      open.push(links);
    }
  }
  for (const done of open) yield* groupEntries(done, pageUrl);
}

/** The paper an `<a>` points at, or null; links the selector let through by chance are turned away by their host. */
function paperLinkOf(a: Element, base: URL, pageOnPaperHost: boolean): PaperLink | null {
  const raw = a.getAttribute('href');
  if (!raw || raw.length > MAX_HREF) return null;
  const absolute = ABSOLUTE.exec(raw);
  if (absolute) {
    if (!PAPER_HOST_SET.has(absolute[1]!.toLowerCase()) && !DOI_HINT.test(raw)) return null;
  } else if (!pageOnPaperHost && !DOI_HINT.test(raw)) {
    // A relative link names a paper only on a paper site (OpenReview's `/forum?id=`) or by a DOI.
    return null;
  }
  const url = parseHref(raw, base);
  return url ? paperIdFromUrl(url) : null;
}

function withGroup(a: Element, link: PaperLink): FoundLink {
  let node = a.parentElement;
  for (let depth = 0; node && depth < MAX_GROUP_DEPTH; depth++, node = node.parentElement) {
    const tag = node.localName;
    if (tag === HOST_TAG) break;
    if (ITEM_TAGS.has(tag)) return { a, link, group: node, kind: 'item' };
    if (PROSE_TAGS.has(tag)) {
      // A list item's paragraph (loose Markdown lists) is the item.
      const parent = node.parentElement;
      if (tag === 'p' && parent && (parent.localName === 'li' || parent.localName === 'dd')) return { a, link, group: parent, kind: 'item' };
      return { a, link, group: node, kind: 'prose' };
    }
    if (isCard(node)) return { a, link, group: node, kind: 'item' };
  }
  // No item around it: the link's parent (a bare list of links separated by <br>) is prose.
  return { a, link, group: a.parentElement ?? a, kind: 'prose' };
}

function isCard(node: Element): boolean {
  const className = node.getAttribute('class');
  if (!className) return false;
  for (const token of className.split(' ')) if (token && CARD_CLASS.test(token)) return true;
  return false;
}

/** One group's entries: its papers, each with one host after its best link. */
function groupEntries(found: FoundLink[], pageUrl: URL): PaperEntry[] {
  const clusters: Cluster[] = [];
  for (const item of found) {
    const match = clusters.find((cluster) => item.link.aliases.some((key) => cluster.keys.has(key)));
    if (match) add(match, item);
    else clusters.push(add({ links: [], keys: new Set(), schemes: new Set() }, item));
  }
  const papers = joinAliases(clusters, found[0]!);
  const existing = existingHostKeys(found[0]!.group);
  const entries: PaperEntry[] = [];
  for (const cluster of papers) {
    const aliases = ordered(cluster.keys);
    if (existing && aliases.some((key) => existing.has(key))) continue;
    const best = bestLink(cluster);
    const alone = papers.length === 1;
    entries.push(
      lazyEntry(
        { element: best.a, anchor: best.a, id: aliases[0]!, aliases, compact: true },
        () => metadataOf(cluster, best, aliases, alone, pageUrl),
        // What a scan sends of an entry: its title alone, without the rest of its metadata.
        () => titleOf(best, alone) || fallbackTitle(aliases[0]!),
      ),
    );
  }
  return entries;
}

function add(cluster: Cluster, item: FoundLink): Cluster {
  cluster.links.push(item);
  for (const key of item.link.aliases) cluster.keys.add(key);
  cluster.schemes.add(schemeOf(item.link.id));
  return cluster;
}

/** The key's scheme (`arxiv`, `doi`, …): two different ids of one scheme are two papers. */
function schemeOf(key: PaperId): string {
  return key.slice(0, key.indexOf(':'));
}

/** Joins the clusters that are one paper's several ids (see the header), in document order. */
function joinAliases(clusters: Cluster[], first: FoundLink): Cluster[] {
  if (clusters.length < 2) return clusters;
  if (first.kind === 'item' && first.group.localName !== 'body') {
    const titled = clusters.filter((cluster) => cluster.links.some((item) => isTitleLike(textOfLink(item)))).length;
    const schemes = new Set<string>();
    let distinct = true;
    for (const cluster of clusters) {
      for (const scheme of cluster.schemes) {
        if (schemes.has(scheme)) distinct = false;
        schemes.add(scheme);
      }
    }
    if (titled <= 1 && distinct) {
      const [head, ...rest] = clusters;
      for (const cluster of rest) for (const item of cluster.links) add(head!, item);
      return [head!];
    }
    return clusters;
  }
  // Prose: a label link right after a paper's link ("Title [pdf] [arXiv]") is the same paper.
  const out: Cluster[] = [];
  for (const cluster of clusters) {
    const previous = out.at(-1);
    const firstLink = cluster.links[0]!;
    if (
      previous &&
      !cluster.links.some((item) => isTitleLike(textOfLink(item))) &&
      ![...cluster.schemes].some((scheme) => previous.schemes.has(scheme)) &&
      adjacent(previous.links.at(-1)!.a, firstLink.a)
    ) {
      for (const item of cluster.links) add(previous, item);
    } else {
      out.push(cluster);
    }
  }
  return out;
}

// Between a paper's link and its label links, prose has only brackets, commas and the like.
const SEPARATOR = /^[\s[\](),;:/|·•–—-]*$/;

/** `b` follows `a` with nothing but separators between them. */
function adjacent(a: Element, b: Element): boolean {
  let node: Node | null = a;
  // Climb out of wrappers that end where `a` ends (`<sup><a>…</a></sup>`), then walk siblings.
  while (node && !node.nextSibling && node.parentNode && node.parentNode !== b.parentNode) node = node.parentNode;
  for (let next = node?.nextSibling ?? null, steps = 0; next && steps < 6; next = next.nextSibling, steps++) {
    if (next === b || (next.nodeType === 1 && (next as Element).contains(b))) return true;
    if (next.nodeType === 3 ? !SEPARATOR.test(next.textContent ?? '') : next.nodeType === 1) return false;
  }
  return false;
}

/** Keys already shown by a host in this group (a client-side app re-rendered around our host). */
function existingHostKeys(group: Element): Set<PaperId> | null {
  const hosts = group.querySelectorAll(HOST_TAG);
  if (hosts.length === 0) return null;
  const keys = new Set<PaperId>();
  for (const host of hosts) {
    const id = host.getAttribute('data-shelfmark-id');
    if (id) keys.add(id);
  }
  return keys;
}

// DESIGN.md canonical key order: arXiv, DOI, a site's own id.
function rank(key: PaperId): number {
  return key.startsWith('arxiv:') ? 0 : key.startsWith('doi:') ? 1 : 2;
}

function ordered(keys: Set<PaperId>): PaperId[] {
  return [...keys].sort((a, b) => rank(a) - rank(b));
}

/** A link's text, read from the page once: grouping, the best link and the title all ask. */
function textOfLink(item: FoundLink): string {
  return (item.text ??= collapseWhitespace(item.a.textContent ?? ''));
}

/** Link or heading text that reads as a paper's title, not as a label, a URL or an id. */
export function isTitleLike(text: string): boolean {
  // A title has spaces; a URL or an id shown as text does not read as one.
  if (text.length < 10 || text.length > 400 || !text.includes(' ') || /^(?:https?:\/\/|www\.)/i.test(text)) return false;
  let words = 0;
  for (const word of text.toLowerCase().split(WORD_SPLIT)) {
    // A word with a digit or a dot is an id, a year or a domain.
    if (!word || LABEL_WORDS.has(word) || /[\d.]/.test(word)) continue;
    words += 1;
    if (words >= 2) return true;
  }
  return false;
}

function bestLink(cluster: Cluster): FoundLink {
  let best: FoundLink | undefined;
  let bestLength = 0;
  for (const item of cluster.links) {
    const text = textOfLink(item);
    if (isTitleLike(text) && text.length > bestLength) {
      best = item;
      bestLength = text.length;
    }
  }
  return best ?? cluster.links.find((item) => !item.link.isPdf) ?? cluster.links[0]!;
}

function metadataOf(cluster: Cluster, best: FoundLink, aliases: PaperId[], alone: boolean, pageUrl: URL): PaperMetadata {
  const id = aliases[0]!;
  // The landing page of the canonical id's scheme; a PDF link of that id where the scheme knows none.
  const canonical = cluster.links.find((item) => item.link.id === id)?.link ?? best.link;
  const paper: PaperMetadata = {
    id,
    aliases,
    title: titleOf(best, alone) || fallbackTitle(id),
    authors: [],
    absUrl: canonical.absUrl,
    source: { site: 'links', pageKind: 'links', url: pageUrl.href },
  };
  const pdf = canonical.pdfUrl ?? cluster.links.find((item) => item.link.isPdf)?.a.getAttribute('href');
  if (pdf) paper.pdfUrl = new URL(pdf, pageUrl).href;
  const version = cluster.links.find((item) => item.link.id === id && item.link.version)?.link.version;
  if (version) paper.version = version;
  return paper;
}

/** The best link's text, else (one paper in an item) the item's heading; never another line. */
function titleOf(best: FoundLink, alone: boolean): string {
  const text = textOfLink(best);
  if (isTitleLike(text)) return trimTitle(text);
  if (!alone || best.kind !== 'item') return '';
  for (const heading of best.group.querySelectorAll(HEADING)) {
    // A heading that is itself another link's text belongs to that link.
    const candidate = collapseWhitespace(heading.textContent ?? '');
    if (isTitleLike(candidate)) return trimTitle(candidate);
  }
  return '';
}

function trimTitle(text: string): string {
  const title = text.replace(/[\s.,;:]+$/, '');
  return title.length > 300 ? `${title.slice(0, 299)}…` : title;
}

function fallbackTitle(id: PaperId): string {
  const scheme = schemeOf(id);
  const label: Record<string, string> = { arxiv: 'arXiv', doi: 'DOI', openreview: 'OpenReview', acl: 'ACL Anthology', s2: 'Semantic Scholar', pmid: 'PubMed', pmcid: 'PMC' };
  return `${label[scheme] ?? scheme} ${id.slice(scheme.length + 1)}`;
}
