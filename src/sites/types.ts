import type { PaperMetadata, SiteId } from '../shared/paper';

/** One paper as it stands on a page. */
export interface PaperEntry {
  /** The element that holds the whole entry (arXiv: the `<dd>`, HF: the `<article>`). */
  element: Element;
  /** The element after which the entry's `<shelfmark-entry>` host is inserted (the title line). */
  anchor: Element;
  paper: PaperMetadata;
}

export interface SiteAdapter {
  /** Equals the file name under src/sites/. */
  id: SiteId;
  /** Host patterns for manifest `content_scripts.matches`; checked against the manifest by a test. */
  matchPatterns: readonly string[];
  /** Cheap: is this URL a page the adapter understands? */
  matches: (url: URL) => boolean;
  /** Pure: the entries under `root`. Never throws; a page it does not understand yields []. */
  findEntries: (root: ParentNode, url: URL) => PaperEntry[];
  /** Client-side apps re-render without navigation; the content script then re-scans changed subtrees. */
  dynamic?: boolean;
}
