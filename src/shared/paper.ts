// The plain data every context agrees on. No DOM, no browser APIs: adapters produce it,
// the background stores it, the popup shows it.

/** Canonical key, e.g. `arxiv:2401.01234`, `arxiv:math/0309136`, `doi:10.1000/xyz`, `url:…`. */
export type PaperId = string;

/**
 * A site adapter's id (`arxiv`, `scholar`, `paper-page`): its file name under src/sites/. A plain
 * validated string (SITE_NAME), not a union: adding a site touches no shared type.
 */
export type SiteId = string;

/**
 * What kind of page the entry was found on (`listing`, `search`, `abstract`, `person`, …), one of
 * its adapter's `pageKinds`; lets the popup say "saved from arXiv /new". Validated like SiteId.
 */
export type PageKind = string;

/** What a SiteId or PageKind may look like: lower-case words joined by `-`. */
export const SITE_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/u;
export const SITE_NAME_MAX = 40;

export interface PaperMetadata {
  /** Canonical key (see DESIGN.md "Paper identity"). */
  id: PaperId;
  /** Every key the paper is known by, the canonical one included (arXiv id, DOI…). */
  aliases: PaperId[];
  title: string;
  authors: string[];
  abstract?: string;
  absUrl?: string;
  pdfUrl?: string;
  /** arXiv version number shown on the page (`v3` → 3). */
  version?: number;
  primarySubject?: string;
  categories?: string[];
  comments?: string;
  journalRef?: string;
  /** ISO date (YYYY-MM-DD) of the paper, where the page shows one. */
  date?: string;
  /** Where the paper was saved from; absent for a paper imported from a file (a DOI-only BibTeX entry). */
  source?: { site: SiteId; pageKind: PageKind; url: string };
}

export type ReadingStatus = 'unread' | 'reading' | 'done';
export const READING_STATUSES: readonly ReadingStatus[] = ['unread', 'reading', 'done'];

export interface TagInfo {
  /** Display form, as the user first typed it. */
  name: string;
  /** CSS colour (hex). */
  color: string;
}

/** What a page needs to draw one entry. Sent by the background, never written to light DOM. */
export interface PaperState {
  id: PaperId;
  saved: boolean;
  tags: TagInfo[];
  status: ReadingStatus;
  /** arXiv: the version the paper was saved at (from the page it was saved from). */
  version?: number;
  /** arXiv: the newest version the user has opened since (the newer-version badge is gone up to it). */
  versionSeen?: number;
}

export function unsavedState(id: PaperId): PaperState {
  return { id, saved: false, tags: [], status: 'unread' };
}
