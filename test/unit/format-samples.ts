// Made-up papers for format and popup tests (never real titles or authors).
import type { SavedPaper, TagRecord } from '../../src/shared/records';

let counter = 0;

export function samplePaper(overrides: Partial<SavedPaper> = {}): SavedPaper {
  counter += 1;
  const arxiv = `2401.${String(10000 + counter).padStart(5, '0')}`;
  const id = overrides.id ?? `arxiv:${arxiv}`;
  return {
    id,
    aliases: [id],
    title: `Placeholder Study Number ${counter}`,
    authors: ['Quill Marrow', 'Fenna Oakheart'],
    abstract: 'We describe an invented method for testing.',
    absUrl: `https://arxiv.org/abs/${id.replace(/^arxiv:/u, '')}`,
    pdfUrl: `https://arxiv.org/pdf/${id.replace(/^arxiv:/u, '')}`,
    primarySubject: 'cs.LG',
    categories: ['cs.LG', 'stat.ML'],
    date: '2024-01-15',
    source: { site: 'arxiv', pageKind: 'listing', url: 'https://arxiv.org/list/cs.LG/new' },
    tags: [],
    tagKeys: [],
    status: 'unread',
    note: '',
    savedAt: 1_700_000_000_000 + counter * 1000,
    updatedAt: 1_700_000_000_000 + counter * 1000,
    ...overrides,
  };
}

export function sampleTag(name: string, color = '#2563eb', createdAt = 1_700_000_000_000): TagRecord {
  return { key: name.toLocaleLowerCase('und'), name, color, createdAt };
}
