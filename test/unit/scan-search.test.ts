import { describe, expect, it } from 'vitest';
import { scanSearch } from '../../src/popup/scan-search';
import { PaperSearch } from '../../src/popup/search-index';
import { samplePaper } from './format-samples';

describe('index-free scan (the first keys after opening)', () => {
  const papers = [
    samplePaper({ title: 'Sparse Kernel Methods, revisited', authors: ['Perpetua Wellsby'], tags: ['ML'] }),
    samplePaper({ title: 'Posterior Sampling for Graph Routing', note: 'sparse ideas here' }),
    samplePaper({ title: 'Quantum Kettles', authors: ['Zed Ockham'], tags: ['rl', 'optics'] }),
    samplePaper({ title: 'Über-fast Kernels (für alle)', abstract: 'kettles kettles' }),
    samplePaper({ title: 'ML at Scale', tags: ['systems'] }),
  ];
  const index = new PaperSearch();
  index.sync(papers);
  const asSets = (ids: string[] | null) => (ids === null ? null : new Set(ids));

  it.each(['sparse', 'spa', 'kern', 'sparse ker', 'wellsby', 'ml', 'm', 'rl optics', 'über', 'für', 'posterior graph', 'kettles', 'zz', 'sparse zz', 'nothing here'])(
    'finds what the index quick search finds for %j',
    (query) => {
      expect(asSets(scanSearch(papers, query))).toEqual(asSets(index.search(query, { quick: true })));
    },
  );

  it('puts title matches first', () => {
    expect(scanSearch(papers, 'sparse')).toEqual([papers[0]!.id, papers[1]!.id]);
  });

  it('sees a paper changed since it was prepared', () => {
    const changed = { ...papers[2]!, note: 'brandnewword', updatedAt: papers[2]!.updatedAt + 1 };
    expect(scanSearch([changed], 'brandnew')).toEqual([changed.id]);
  });
});
