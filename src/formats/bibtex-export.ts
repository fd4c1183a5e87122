// BibTeX export. arXiv papers follow arXiv's own "Export BibTeX citation" shape (@misc with
// eprint, archivePrefix, primaryClass) so biblatex and natbib styles print them as preprints.
import type { SavedPaper } from '../shared/records';
import { CitationKeys, baseCitationKey } from './citation-keys';
import { escapeLatex, protectTitle, verbatimValue } from './latex-text';
import { absUrlOf, dateParts } from './paper-ids';
import { arxivIdOf, doiOf } from '../shared/paper-id';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** An author as BibTeX reads it: braced when a comma or a lone "and" would split it wrongly. */
function bibtexAuthor(name: string): string {
  const text = escapeLatex(name.replace(/\s+/gu, ' ').trim());
  return /,|\band\b/iu.test(text) ? `{${text}}` : text;
}

function entryFor(paper: SavedPaper, key: string): string {
  const arxiv = arxivIdOf(paper);
  const doi = doiOf(paper);
  const [year, month] = dateParts(paper.date);
  const fields: [string, string][] = [['title', `{${protectTitle(paper.title)}}`]];
  if (paper.authors.length > 0) fields.push(['author', `{${paper.authors.map(bibtexAuthor).join(' and ')}}`]);
  if (year) fields.push(['year', `{${year}}`]);
  if (month) fields.push(['month', MONTHS[month - 1] ?? `{${month}}`]);
  if (arxiv) {
    fields.push(['eprint', `{${verbatimValue(arxiv)}}`], ['archivePrefix', '{arXiv}']);
    const primary = paper.primarySubject ?? paper.categories?.[0];
    if (primary) fields.push(['primaryClass', `{${escapeLatex(primary)}}`]);
  }
  if (doi) fields.push(['doi', `{${verbatimValue(doi)}}`]);
  const url = absUrlOf(paper);
  if (url) fields.push(['url', `{${verbatimValue(url)}}`]);
  if (paper.journalRef) fields.push(['journal', `{${escapeLatex(paper.journalRef)}}`]);
  if (paper.abstract) fields.push(['abstract', `{${escapeLatex(paper.abstract)}}`]);
  if (paper.tags.length > 0) fields.push(['keywords', `{${paper.tags.map(escapeLatex).join(', ')}}`]);
  // `annote`, not `note`: styles print `note` in the bibliography, and notes are private.
  if (paper.note) fields.push(['annote', `{${escapeLatex(paper.note)}}`]);
  const type = paper.journalRef && !arxiv ? 'article' : 'misc';
  const body = fields.map(([name, value]) => `  ${name} = ${value}`).join(',\n');
  return `@${type}{${key},\n${body}\n}`;
}

export function toBibtex(papers: readonly SavedPaper[]): string {
  const keys = new CitationKeys();
  const entries = papers.map((paper) => {
    const key = keys.next(baseCitationKey(paper.authors, paper.title, dateParts(paper.date)[0]?.toString()));
    return entryFor(paper, key);
  });
  return entries.length ? `${entries.join('\n\n')}\n` : '';
}
