// Any paper page: a publisher's or proceedings' page about one paper, described by Highwire
// `citation_*` meta tags (what Google Scholar asks publishers for) or a JSON-LD
// `ScholarlyArticle`. One host, after the page's title heading. Identity: `citation_doi`,
// `citation_arxiv_id`, a paper URL Shelfmark knows (the page's own, or `citation_pdf_url`), else
// the page's normalized URL. Generic: it runs on the curated hosts below, except where a site's
// own script runs (src/sites/content-scripts.ts), so it never doubles a site adapter's entry.
import type { PaperMetadata } from '../shared/paper';
import { pageKeys, paperIdFromUrl } from '../shared/paper-id';
import { absoluteUrl, collapseWhitespace } from './dom-text';
import { readEntry } from './entry';
import type { PaperEntry, SiteAdapter } from './types';

const PAGE_KINDS = ['paper'] as const;

/**
 * The hosts granted by default (README "Sites"): preprint servers and paper indexes, the major
 * publishers and proceedings. Each is a match pattern; `*.` also covers the bare domain.
 */
export const PAPER_PAGE_HOSTS: readonly string[] = [
  // Preprint servers and paper indexes
  'https://*.biorxiv.org/*',
  'https://*.medrxiv.org/*',
  'https://chemrxiv.org/*',
  'https://papers.ssrn.com/*',
  'https://*.researchsquare.com/*',
  'https://*.preprints.org/*',
  'https://osf.io/*',
  'https://openreview.net/*',
  'https://pubmed.ncbi.nlm.nih.gov/*',
  'https://pmc.ncbi.nlm.nih.gov/*',
  'https://europepmc.org/*',
  'https://*.semanticscholar.org/*',
  // Proceedings
  'https://proceedings.mlr.press/*',
  'https://proceedings.neurips.cc/*',
  'https://papers.nips.cc/*',
  'https://*.jmlr.org/*',
  'https://ojs.aaai.org/*',
  'https://*.ijcai.org/*',
  'https://*.usenix.org/*',
  'https://*.nber.org/*',
  // Publishers
  'https://*.nature.com/*',
  'https://*.science.org/*',
  'https://link.springer.com/*',
  'https://*.sciencedirect.com/*',
  'https://dl.acm.org/*',
  'https://ieeexplore.ieee.org/*',
  'https://onlinelibrary.wiley.com/*',
  'https://journals.plos.org/*',
  'https://*.pnas.org/*',
  'https://peerj.com/*',
  'https://*.mdpi.com/*',
  'https://*.frontiersin.org/*',
  'https://academic.oup.com/*',
  'https://*.cell.com/*',
  'https://*.tandfonline.com/*',
  'https://journals.sagepub.com/*',
  'https://*.cambridge.org/*',
  'https://*.biomedcentral.com/*',
  'https://elifesciences.org/*',
  'https://iopscience.iop.org/*',
  'https://journals.aps.org/*',
  'https://pubs.acs.org/*',
  'https://royalsocietypublishing.org/*',
];

// `https://*.nature.com/*` → nature.com and its subdomains; `https://dl.acm.org/*` → that host only.
const EXACT_HOSTS = new Set<string>();
const DOMAIN_SUFFIXES: string[] = [];
for (const pattern of PAPER_PAGE_HOSTS) {
  const host = /^https:\/\/([^/]+)\//u.exec(pattern)?.[1] ?? '';
  if (host.startsWith('*.')) DOMAIN_SUFFIXES.push(host.slice(2));
  else EXACT_HOSTS.add(host);
}

function isPaperHost(hostname: string): boolean {
  return EXACT_HOSTS.has(hostname) || DOMAIN_SUFFIXES.some((domain) => hostname === domain || hostname.endsWith(`.${domain}`));
}

// Strings that may hold several names (`Ada Lovelace; Charles Babbage`) are split on `;`.
const MAX_AUTHORS = 2_000;

function metas(root: ParentNode, name: string): string[] {
  return Array.from(root.querySelectorAll(`meta[name="${name}"]`), (meta) => collapseWhitespace(meta.getAttribute('content') ?? '')).filter(
    (value) => value !== '',
  );
}

function meta(root: ParentNode, name: string): string {
  return metas(root, name)[0] ?? '';
}

/** ISO date from Highwire's `2025/05/26`, `2022-5`, `2022`, or the start of an ISO timestamp. */
function isoDate(value: string): string | undefined {
  const match = /^(\d{4})(?:[/-](\d{1,2})(?:[/-](\d{1,2}))?)?/u.exec(value.trim());
  if (!match) return undefined;
  const [, year, month, day] = match;
  return [year, month?.padStart(2, '0'), day?.padStart(2, '0')].filter(Boolean).join('-');
}

interface Described {
  title: string;
  authors: string[];
  doi?: string;
  arxiv?: string;
  pdfUrl?: string;
  abstract?: string;
  venue?: string;
  date?: string;
}

function fromHighwire(root: ParentNode): Described | null {
  const title = meta(root, 'citation_title');
  if (!title) return null;
  const authors = metas(root, 'citation_author').flatMap((value) => value.split(';').map((name) => name.trim()));
  const described: Described = { title, authors: authors.filter((name) => name !== '').slice(0, MAX_AUTHORS) };
  const doi = meta(root, 'citation_doi') || meta(root, 'dc.identifier').replace(/^doi:\s*/iu, '');
  if (doi) described.doi = doi;
  const arxiv = meta(root, 'citation_arxiv_id');
  if (arxiv) described.arxiv = arxiv;
  const pdf = meta(root, 'citation_pdf_url');
  if (pdf) described.pdfUrl = pdf;
  const abstract = meta(root, 'citation_abstract') || meta(root, 'dc.description');
  if (abstract) described.abstract = abstract;
  const venue =
    meta(root, 'citation_journal_title') ||
    meta(root, 'citation_conference_title') ||
    meta(root, 'citation_technical_report_institution') ||
    meta(root, 'citation_publisher');
  if (venue) described.venue = venue;
  const date = isoDate(meta(root, 'citation_publication_date') || meta(root, 'citation_date') || meta(root, 'citation_online_date'));
  if (date) described.date = date;
  return described;
}

type Json = Record<string, unknown>;

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

function nameOf(value: unknown): string {
  if (typeof value === 'string') return collapseWhitespace(value);
  if (value && typeof value === 'object') {
    const person = value as Json;
    if (typeof person.name === 'string') return collapseWhitespace(person.name);
    const parts = [person.givenName, person.familyName].filter((part): part is string => typeof part === 'string');
    return collapseWhitespace(parts.join(' '));
  }
  return '';
}

/** The first JSON-LD node typed ScholarlyArticle (or a subtype people use for papers). */
function scholarlyArticle(root: ParentNode): Json | null {
  for (const script of root.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const nodes = asArray(data).flatMap((node) => (node && typeof node === 'object' && '@graph' in node ? asArray((node as Json)['@graph']) : [node]));
    for (const node of nodes) {
      if (!node || typeof node !== 'object') continue;
      const types = asArray((node as Json)['@type']).map(String);
      if (types.some((type) => /^(?:ScholarlyArticle|Report|Thesis|MedicalScholarlyArticle)$/u.test(type))) return node as Json;
    }
  }
  return null;
}

function fromJsonLd(root: ParentNode): Described | null {
  const article = scholarlyArticle(root);
  if (!article) return null;
  const title = nameOf(article.headline) || nameOf(article.name);
  if (!title) return null;
  const described: Described = { title, authors: asArray(article.author).map(nameOf).filter((name) => name !== '').slice(0, MAX_AUTHORS) };
  for (const identifier of [...asArray(article.identifier), ...asArray(article.sameAs), article['@id'], article.url]) {
    const text = typeof identifier === 'string' ? identifier : nameOf((identifier as Json | null)?.value ?? '');
    if (/(?:^|doi\.org\/|^doi:\s*)10\.\d{4,9}\//iu.test(text)) {
      described.doi = text;
      break;
    }
  }
  if (typeof article.description === 'string') described.abstract = collapseWhitespace(article.description);
  const date = typeof article.datePublished === 'string' ? isoDate(article.datePublished) : undefined;
  if (date) described.date = date;
  const venue = nameOf((article.isPartOf as Json | undefined)?.name ?? '');
  if (venue) described.venue = venue;
  return described;
}

const normalize = (text: string) => collapseWhitespace(text).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** The heading that shows the paper's title: the first h1/h2 whose text is the title, else the first h1. */
function titleHeading(root: ParentNode, title: string): Element | null {
  const wanted = normalize(title);
  let firstH1: Element | null = null;
  for (const heading of root.querySelectorAll('h1, h2')) {
    const text = normalize(heading.textContent ?? '');
    if (text && (text === wanted || (wanted.length > 20 && text.includes(wanted)))) return heading;
    if (!firstH1 && heading.tagName === 'H1' && text) firstH1 = heading;
  }
  return firstH1;
}

function findPaper(root: ParentNode, url: URL): PaperEntry[] {
  const described = fromHighwire(root) ?? fromJsonLd(root);
  if (!described) return [];
  const heading = titleHeading(root, described.title);
  if (!heading) return [];
  const pageLink = paperIdFromUrl(url.href);
  const pdfUrl = absoluteUrl(described.pdfUrl, url);
  const keys = pageKeys({
    doi: described.doi ?? null,
    arxiv: described.arxiv ?? null,
    // A paper URL Shelfmark knows (the page's own, then its PDF's), else the page itself.
    url: pageLink ? url.href : (pdfUrl && paperIdFromUrl(pdfUrl) ? pdfUrl : url.href),
  });
  if (!keys) return [];
  const paper: PaperMetadata = { id: keys.id, aliases: keys.aliases, title: described.title, authors: described.authors, absUrl: url.href };
  if (pdfUrl) paper.pdfUrl = pdfUrl;
  if (described.abstract) paper.abstract = described.abstract;
  if (described.venue) paper.journalRef = described.venue;
  if (described.date) paper.date = described.date;
  paper.source = { site: 'paper-page', pageKind: 'paper', url: url.href };
  return [readEntry(heading.parentElement ?? heading, heading, paper)];
}

export const paperPage: SiteAdapter = {
  id: 'paper-page',
  hosts: PAPER_PAGE_HOSTS,
  pageKinds: PAGE_KINDS,
  generic: true,
  // Which pages are papers is only known from their meta tags: every page of these hosts is read.
  matches: (url) => url.protocol === 'https:' && isPaperHost(url.hostname),
  findEntries(root, url) {
    try {
      // A subtree of a page (a re-scan) has no head: only the whole document describes a paper.
      return (root as Node).nodeType === 9 ? findPaper(root, url) : [];
    } catch {
      return [];
    }
  },
};

