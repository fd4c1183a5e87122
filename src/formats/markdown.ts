// A Markdown reading list: one item per paper, readable as plain text and safe to render (every
// piece of page text is escaped, so a title cannot turn into a link, image or HTML).
import type { SavedPaper } from '../shared/records';
import { absUrlOf, pdfUrlOf } from './paper-ids';
import { shortAuthorList } from './person-names';

/** Backslash-escapes every ASCII punctuation mark CommonMark may treat as syntax. */
export function escapeMarkdown(text: string): string {
  return text.replace(/\s+/gu, ' ').trim().replace(/[\\`*_{}[\]()<>#+\-.!|~&"']/gu, (ch) => `\\${ch}`);
}

/** A link target inside `<…>`, where only `<`, `>` and line breaks need care. */
function linkTarget(url: string): string {
  return `<${url.replace(/[<>\s]/gu, encodeURIComponent)}>`;
}

function safeUrl(url: string | undefined): string | undefined {
  return url && /^https?:\/\//iu.test(url) ? url : undefined;
}

function item(paper: SavedPaper): string {
  const url = safeUrl(absUrlOf(paper));
  const title = escapeMarkdown(paper.title) || 'Untitled';
  const lines = [`- ${url ? `[${title}](${linkTarget(url)})` : `**${title}**`}`];
  const meta = [shortAuthorList(paper.authors), paper.date ?? '', paper.status === 'unread' ? 'to read' : paper.status]
    .filter(Boolean)
    .map(escapeMarkdown);
  const pdf = safeUrl(pdfUrlOf(paper));
  if (pdf) meta.push(`[PDF](${linkTarget(pdf)})`);
  lines.push(`  ${meta.join(' · ')}`);
  if (paper.tags.length) lines.push(`  Tags: ${paper.tags.map((tag) => `\`${tag.replace(/`/gu, "'")}\``).join(', ')}`);
  if (paper.note.trim()) {
    for (const line of paper.note.trim().split(/\r?\n/u)) lines.push(`  > ${escapeMarkdown(line)}`);
  }
  return lines.join('\n');
}

export function toMarkdown(papers: readonly SavedPaper[], title = 'Shelfmark reading list'): string {
  const header = `# ${escapeMarkdown(title)}\n\n${papers.length} paper${papers.length === 1 ? '' : 's'}\n`;
  return papers.length ? `${header}\n${papers.map(item).join('\n\n')}\n` : header;
}
