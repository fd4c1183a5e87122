import { describe, expect, it } from 'vitest';
import { scanSearch } from '../../src/popup/scan-search';
import { PaperSearch } from '../../src/popup/search-index';
import { samplePaper } from './format-samples';

describe('index-free scan (the first keys after opening)', () => {
  const papers = [
    // First: lower-casing 'İ' makes two code units of one, which must not shift where the papers after it begin.
    samplePaper({ title: 'İzmir Notes on C++ Templates', authors: ['Ada Ng'] }),
    samplePaper({ title: 'Sparse Kernel Methods, revisited', authors: ['Perpetua Wellsby'], tags: ['ML'] }),
    samplePaper({ title: 'Posterior Sampling for Graph Routing', note: 'sparse ideas here' }),
    samplePaper({ title: 'Quantum Kettles', authors: ['Zed Ockham'], tags: ['rl', 'optics'] }),
    samplePaper({ title: 'Über-fast Kernels (für alle)', abstract: 'kettles kettles' }),
    samplePaper({ title: 'ML at Scale', tags: ['systems'] }),
  ];
  const index = new PaperSearch();
  index.sync(papers);
  const asSets = (ids: string[] | null) => (ids === null ? null : new Set(ids));

  it.each(['sparse', 'spa', 'kern', 'sparse ker', 'wellsby', 'ml', 'm', 'rl optics', 'über', 'für', 'posterior graph', 'kettles', 'zz', 'sparse zz', 'nothing here', 'notes', 'c++', 'c++ templates', 'ng', 'ng sparse', 'sparse sparse', 'ada', 'i̇zmir', 'izmir'])(
    'finds what the index quick search finds for %j',
    (query) => {
      expect(asSets(scanSearch(papers, query))).toEqual(asSets(index.search(query, { quick: true })));
    },
  );

  it('puts title matches first', () => {
    expect(scanSearch(papers, 'sparse')).toEqual([papers[1]!.id, papers[2]!.id]);
    expect(scanSearch(papers, 'kettles ockham')).toEqual([papers[3]!.id]);
  });

  it('never matches a word across two papers, or a short word inside a longer one', () => {
    const two = [samplePaper({ title: 'Ends with ab' }), samplePaper({ title: 'cd starts this one' })];
    expect(scanSearch(two, 'abcd')).toEqual([]);
    expect(scanSearch(two, 'ab')).toEqual([two[0]!.id]);
    expect(scanSearch(two, 'ta')).toBeNull();
    expect(scanSearch(two, 'sta')).toEqual([two[1]!.id]);
  });

  it('sees a paper changed since it was prepared', () => {
    const changed = { ...papers[2]!, note: 'brandnewword', updatedAt: papers[2]!.updatedAt + 1 };
    expect(scanSearch([changed], 'brandnew')).toEqual([changed.id]);
  });
});
