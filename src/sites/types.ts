import type { PageKind, PaperId, PaperMetadata, SiteId } from '../shared/paper';

/** One paper as it stands on a page. */
export interface PaperEntry {
  /** The element that holds the whole entry (arXiv: the `<dd>`, HF: the `<article>`). */
  element: Element;
  /** The element after which the entry's `<shelfmark-entry>` host is inserted (the title line). */
  anchor: Element;
  /** The canonical id, known as soon as the entry is found: a scan looks entries up by it. */
  readonly id: PaperId;
  /** Every key of the paper, the canonical one first (as `paper.aliases`). */
  readonly aliases: readonly PaperId[];
  /** The whole metadata; on long listings read from the page on first use (see entry.ts). */
  readonly paper: PaperMetadata;
  /** The title alone where it is cheaper than `paper` (lazy listing entries); else `paper.title`. */
  readonly title?: string;
  /**
   * The site's page CSS (SiteAdapter.css, injected by the manifest before the page is first laid
   * out) keeps room for the host after `anchor`: the host can be drawn late, as the user scrolls
   * near it, without moving the page.
   */
  readonly hostSpaceReserved?: boolean;
  /**
   * The entry is a link in someone else's page (the link finder): its host is a small inline
   * toggle that does not disturb the prose around it; chips and the tag editor open on demand.
   */
  readonly compact?: boolean;
}

export interface FindOptions {
  limit?: number;
}

/**
 * A WebExtension match pattern (`https://arxiv.org/list/*`). build.mjs writes the manifest's
 * `content_scripts` from the adapters' patterns; nothing else lists them.
 */
export type MatchPattern = string;

/** Page CSS a site needs before the page is first laid out (e.g. room kept for hosts drawn late). */
export interface SiteCss {
  /** A file beside the adapter: `src/sites/<site id>-<what>.css`. */
  file: string;
  /** Where the manifest injects it: some of the adapter's `hosts`. */
  hosts: readonly MatchPattern[];
}

/**
 * A site is this object, in `src/sites/<id>.ts` (exported as `<id>`), plus its fixtures in
 * `test/fixtures/<id>/`; registry.ts lists it. test/unit/conventions.test.ts keeps the three in step.
 */
export interface SiteAdapter {
  /** Equals the file name under src/sites/ (a lower-case name, see SITE_NAME). */
  id: SiteId;
  /** Where it runs: the manifest's content_scripts.matches for this site's script. */
  hosts: readonly MatchPattern[];
  /** Page CSS the manifest injects ahead of the page, if the site needs any. */
  css?: SiteCss;
  /** The page kinds its entries' `paper.source.pageKind` name (lower-case names, see SITE_NAME). */
  pageKinds: readonly PageKind[];
  /**
   * A finder that is not about one site (any paper page with citation_* meta, links to papers):
   * it runs on its hosts except where a site adapter's hosts match, so it never doubles an entry
   * a site adapter found. The generic adapters share one content script.
   */
  generic?: boolean;
  /** Cheap: is this URL a page the adapter understands? */
  matches: (url: URL) => boolean;
  /**
   * Pure: the entries under `root`, in document order. Never throws; a page it does not
   * understand yields []. With `limit`, it may stop once it has that many (the content script
   * reads the first screen of a long listing before the rest); returning more is allowed.
   */
  findEntries: (root: ParentNode, url: URL, options?: FindOptions) => PaperEntry[];
  /**
   * Optional, for pages that run to thousands of entries: the same entries as `findEntries`, in
   * the same order, read as they are pulled. The content script reads the first screen, shows it,
   * and reads on a slice per task: the page is read once and no task grows long. Still pure (it
   * only reads the page) and never throws. `findEntries` is then `takeEntries(readEntries(…), limit)`.
   */
  readEntries?: (root: ParentNode, url: URL) => Iterator<PaperEntry, void>;
  /** Client-side apps re-render without navigation; the content script then re-scans changed subtrees. */
  dynamic?: boolean;
}
