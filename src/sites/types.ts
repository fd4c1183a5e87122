import type { PaperId, PaperMetadata, SiteId } from '../shared/paper';

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
  /**
   * The site's page CSS (src/sites/<site>-*.css, injected by the manifest before the page is
   * first laid out) keeps room for the host after `anchor`: the host can be drawn late, as the
   * user scrolls near it, without moving the page.
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

export interface SiteAdapter {
  /** Equals the file name under src/sites/. */
  id: SiteId;
  /** Host patterns for manifest `content_scripts.matches`; checked against the manifest by a test. */
  matchPatterns: readonly string[];
  /** Cheap: is this URL a page the adapter understands? */
  matches: (url: URL) => boolean;
  /**
   * Pure: the entries under `root`, in document order. Never throws; a page it does not
   * understand yields []. With `limit`, it may stop once it has that many (the content script
   * reads the first screen of a long listing before the rest); returning more is allowed.
   */
  findEntries: (root: ParentNode, url: URL, options?: FindOptions) => PaperEntry[];
  /** Client-side apps re-render without navigation; the content script then re-scans changed subtrees. */
  dynamic?: boolean;
}
