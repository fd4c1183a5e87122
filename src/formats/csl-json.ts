// CSL-JSON (the citeproc input format Zotero, Pandoc and Mendeley read).
// https://github.com/citation-style-language/schema/blob/master/schemas/input/csl-data.json
import type { SavedPaper } from '../shared/records';
import { CitationKeys, baseCitationKey } from './citation-keys';
import { absUrlOf, dateParts } from './paper-ids';
import { arxivIdOf, doiOf } from '../shared/paper-id';
import { splitName } from './person-names';

export interface CslName {
  family?: string;
  given?: string;
  literal?: string;
}

export interface CslItem {
  id: string;
  type: 'article' | 'article-journal';
  title: string;
  author?: CslName[];
  issued?: { 'date-parts': number[][] };
  abstract?: string;
  DOI?: string;
  URL?: string;
  number?: string;
  publisher?: string;
  'container-title'?: string;
  keyword?: string;
  note?: string;
  /** CSL 1.0.2's field for data without a CSL field of its own: here, tags `keyword` cannot carry. */
  custom?: { tags: string[] };
}

function cslItem(paper: SavedPaper, id: string): CslItem {
  const arxiv = arxivIdOf(paper);
  const doi = doiOf(paper);
  const parts = dateParts(paper.date);
  // CSL's `article` is the preprint type; an arXiv paper names the archive and its id as
  // `publisher` and `number`, as Zotero's arXiv translator does.
  const item: CslItem = { id, type: arxiv || !paper.journalRef ? 'article' : 'article-journal', title: paper.title };
  if (paper.authors.length) {
    item.author = paper.authors.map((name) => {
      const split = splitName(name);
      return split.literal !== undefined ? { literal: split.literal } : { family: split.family, given: split.given };
    });
  }
  if (parts.length) item.issued = { 'date-parts': [parts] };
  if (paper.abstract) item.abstract = paper.abstract;
  if (doi) item.DOI = doi;
  const url = absUrlOf(paper);
  if (url) item.URL = url;
  if (arxiv) {
    item.number = `arXiv:${arxiv}`;
    item.publisher = 'arXiv';
  }
  if (paper.journalRef) item['container-title'] = paper.journalRef;
  if (paper.tags.length) {
    item.keyword = paper.tags.join(', ');
    // Readers split `keyword` at commas and semicolons: a tag holding one comes back as two,
    // unless the exact list travels beside it.
    if (paper.tags.some((tag) => /[,;]/u.test(tag))) item.custom = { tags: [...paper.tags] };
  }
  if (paper.note) item.note = paper.note;
  return item;
}

export function toCslItems(papers: readonly SavedPaper[]): CslItem[] {
  const keys = new CitationKeys();
  return papers.map((paper) =>
    cslItem(paper, keys.next(baseCitationKey(paper.authors, paper.title, dateParts(paper.date)[0]?.toString()))),
  );
}

export function toCslJson(papers: readonly SavedPaper[]): string {
  return `${JSON.stringify(toCslItems(papers), null, 2)}\n`;
}
