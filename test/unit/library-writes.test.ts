// Bulk actions and the tag manager, through the real router and handlers (as the library page
// sends them): each is one request and one transaction, tells every tab, and undoes in one step.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StateBroadcast } from '../../src/shared/messages';
import { startBackground, type Background } from './extension-kit';
import { setFakeTabs, sentToTabs } from './fake-browser';
import { samplePaper, sampleTag } from './format-samples';

let bg: Background;

beforeEach(() => {
  bg = startBackground();
  setFakeTabs([{ id: 1 }], { 1: () => undefined });
});
afterEach(() => vi.unstubAllGlobals());

async function broadcasts(): Promise<StateBroadcast[]> {
  // Broadcasts leave after the answer; let them go out.
  await new Promise((resolve) => setTimeout(resolve, 20));
  return sentToTabs().map((sent) => sent.message as StateBroadcast);
}

describe('bulk actions', () => {
  it('tags 500 papers in one request and one broadcast, and undoes it in one step', async () => {
    const papers = Array.from({ length: 500 }, (_, i) => samplePaper({ tags: i % 2 ? ['Kept'] : [], tagKeys: i % 2 ? ['kept'] : [] }));
    await bg.db.papers.bulkPut(papers);
    const before = await bg.db.papers.toArray();
    const result = await bg.request('bulkEdit', { ids: papers.map((p) => p.id), addTags: ['Batch'], status: 'reading' });
    expect(result.changed).toBe(500);
    expect(bg.requests().map((r) => r.type)).toEqual(['bulkEdit']);
    const sent = await broadcasts();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.changes).toHaveLength(500);
    expect(sent[0]!.changes[1]!.state.tags.map((t) => t.name)).toEqual(['Kept', 'Batch']);
    const after = await bg.db.papers.toArray();
    expect(after.every((p) => p.tagKeys.includes('batch') && p.status === 'reading')).toBe(true);

    expect(await bg.request('restoreFields', { papers: result.before })).toEqual({ changed: 500 });
    const undone = await bg.db.papers.toArray();
    expect(undone.map(({ updatedAt: _, ...rest }) => rest)).toEqual(before.map(({ updatedAt: _, ...rest }) => rest));
  });

  it('removes a tag whatever its case, leaves papers without it alone, and refuses a bad tag whole', async () => {
    const a = samplePaper({ tags: ['ML', 'x'], tagKeys: ['ml', 'x'] });
    const b = samplePaper();
    await bg.db.papers.bulkPut([a, b]);
    const result = await bg.request('bulkEdit', { ids: [a.id, b.id, 'arxiv:2999.99999'], removeTags: ['ml'] });
    expect(result).toEqual({ changed: 1, before: [{ id: a.id, tags: ['ML', 'x'], status: 'unread' }] });
    expect((await bg.db.papers.get(a.id))!.tags).toEqual(['x']);
    await expect(bg.request('bulkEdit', { ids: [a.id, b.id], addTags: ['ok', '   '] })).rejects.toThrow(/empty/u);
    expect((await bg.db.papers.get(b.id))!.tags).toEqual([]);
  });

  it('deletes a selection at once and brings it back whole', async () => {
    const papers = [samplePaper({ note: 'keep', tags: ['t'], tagKeys: ['t'] }), samplePaper(), samplePaper()];
    await bg.db.papers.bulkPut(papers);
    const { removed } = await bg.request('bulkUnsave', { ids: [papers[0]!.id, papers[1]!.id] });
    expect(removed.map((p) => p.id)).toEqual([papers[0]!.id, papers[1]!.id]);
    expect(await bg.db.papers.count()).toBe(1);
    const sent = await broadcasts();
    expect(sent[0]!.changes.map((c) => c.state.saved)).toEqual([false, false]);
    await bg.request('importPapers', { papers: removed as never, tags: [] });
    expect(await bg.db.papers.get(papers[0]!.id)).toMatchObject({ note: 'keep', tags: ['t'] });
  });
});

describe('tag manager', () => {
  it('renames a tag on every paper, and "RL" to "rl" is the same tag respelled', async () => {
    await bg.db.tags.bulkPut([sampleTag('RL', '#123456')]);
    const papers = [samplePaper({ tags: ['a', 'RL'], tagKeys: ['a', 'rl'] }), samplePaper({ tags: ['RL'], tagKeys: ['rl'] })];
    await bg.db.papers.bulkPut(papers);
    const result = await bg.request('renameTag', { tag: 'RL', to: 'rl' });
    expect(result.papers).toBe(2);
    expect(await bg.db.tags.toArray()).toEqual([expect.objectContaining({ key: 'rl', name: 'rl', color: '#123456' })]);
    expect((await bg.db.papers.get(papers[0]!.id))!.tags).toEqual(['a', 'rl']);
    const sent = await broadcasts();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.changes.map((c) => c.state.tags.map((t) => t.name))).toEqual([['a', 'rl'], ['rl']]);

    await bg.request('renameTag', { tag: 'rl', to: 'Reinforcement learning' });
    expect((await bg.db.tags.toArray()).map((t) => t.name).sort()).toEqual(['Reinforcement learning']);
  });

  it('merges tags into one (an existing tag keeps its colour), once per paper, and undoes the merge', async () => {
    await bg.db.tags.bulkPut([sampleTag('rl', '#111111'), sampleTag('Reinforcement', '#222222'), sampleTag('other', '#333333')]);
    const both = samplePaper({ tags: ['Reinforcement', 'other', 'rl'], tagKeys: ['reinforcement', 'other', 'rl'] });
    const one = samplePaper({ tags: ['Reinforcement'], tagKeys: ['reinforcement'] });
    await bg.db.papers.bulkPut([both, one]);
    const before = { papers: await bg.db.papers.toArray(), tags: await bg.db.tags.toArray() };
    const result = await bg.request('mergeTags', { tags: ['REINFORCEMENT'], into: 'rl' });
    expect(result.papers).toBe(2);
    expect((await bg.db.papers.get(both.id))!.tags).toEqual(['rl', 'other']);
    expect((await bg.db.papers.get(one.id))!.tags).toEqual(['rl']);
    // One broadcast for the whole merge, not one per paper.
    const sent = await broadcasts();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.changes.map((c) => c.state.tags.map((t) => t.name))).toEqual([['rl', 'other'], ['rl']]);
    expect((await bg.db.tags.toArray()).map((t) => [t.name, t.color])).toEqual([
      ['other', '#333333'],
      ['rl', '#111111'],
    ]);
    await bg.request('restoreFields', result.undo);
    const strip = (papers: { updatedAt: number }[]) => papers.map(({ updatedAt: _, ...rest }) => rest);
    expect(strip(await bg.db.papers.toArray())).toEqual(strip(before.papers));
    expect(await bg.db.tags.toArray()).toEqual(before.tags);
  });

  it('deletes a tag from every paper and the tags table, and undo puts it back with its colour', async () => {
    await bg.db.tags.bulkPut([sampleTag('gone', '#abcdef')]);
    const paper = samplePaper({ tags: ['x', 'gone'], tagKeys: ['x', 'gone'] });
    await bg.db.papers.bulkPut([paper]);
    const result = await bg.request('deleteTag', { tag: 'GONE' });
    expect((await bg.db.papers.get(paper.id))!.tags).toEqual(['x']);
    expect(await bg.db.tags.get('gone')).toBeUndefined();
    await bg.request('restoreFields', result.undo);
    expect((await bg.db.papers.get(paper.id))!.tags).toEqual(['x', 'gone']);
    expect(await bg.db.tags.get('gone')).toMatchObject({ color: '#abcdef' });
    await expect(bg.request('deleteTag', { tag: 'never-was' })).rejects.toThrow(/no tag "never-was"/u);
  });

  it('answers tag changes only to extension pages', async () => {
    const { contentScriptSender, setDefaultSender } = await import('./fake-browser');
    setDefaultSender(contentScriptSender());
    await expect(bg.request('deleteTag', { tag: 'x' })).rejects.toThrow(/cannot be requested from a web page/u);
    await expect(bg.request('bulkUnsave', { ids: ['arxiv:2401.00001'] })).rejects.toThrow(/cannot be requested from a web page/u);
  });
});
