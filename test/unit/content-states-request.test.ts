// What a getStates sends of a page's entries, gathered a slice at a time (StatesPapers) or at once.
import { describe, expect, it } from 'vitest';
import { StatesPapers, statesRequest } from '../../src/content/states-request';
import { readEntry } from '../../src/sites/entry';
import type { PaperEntry } from '../../src/sites/types';

function entry(id: string, title: string, aliases: string[] = [id]): PaperEntry {
  const element = document.createElement('li');
  return readEntry(element, element, { id, aliases, title, authors: [], source: { site: 'arxiv', pageKind: 'listing', url: 'https://arxiv.org/list/cs.LG/new' } });
}

const A = entry('arxiv:2601.00001', 'On kettles', ['arxiv:2601.00001', 'doi:10.1/kettle']);
const B = entry('arxiv:2601.00002', 'On teapots');

describe('StatesPapers', () => {
  it('gathers slices into one request, each paper once, with its text', () => {
    const papers = new StatesPapers(true);
    papers.add([A]);
    papers.add([B, A]);
    expect(papers.size).toBe(2);
    expect(papers.request({ rank: true, listing: 'arxiv.org/list/cs.LG/new', sites: ['arxiv'] })).toEqual({
      papers: [
        { id: A.id, aliases: [...A.aliases], text: 'On kettles' },
        { id: B.id, aliases: [B.id], text: 'On teapots' },
      ],
      listing: 'arxiv.org/list/cs.LG/new',
      sites: ['arxiv'],
    });
  });

  it('reads no text without the ranking, and sends none once the ranking is off', () => {
    const untexted = new StatesPapers(false);
    untexted.add([A, B]);
    expect(untexted.request({ rank: true }).papers).toEqual([
      { id: A.id, aliases: [...A.aliases] },
      { id: B.id, aliases: [B.id] },
    ]);
    const texted = new StatesPapers(true);
    texted.add([A]);
    expect(texted.request({ rank: false })).toEqual({ papers: [{ id: A.id, aliases: [...A.aliases] }] });
  });

  it('asks what statesRequest asks at once', () => {
    const papers = new StatesPapers(true);
    papers.add([A]);
    papers.add([B]);
    expect(papers.request({ rank: true, listing: 'x' })).toEqual(statesRequest([A, B, A], { rank: true, listing: 'x' }));
  });
});
