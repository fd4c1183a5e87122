import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMessageListener, type RouterDeps } from '../../src/background/router';
import { broadcastChanges } from '../../src/background/broadcast';
import { giveWay } from '../../src/background/give-way';
import type { ShelfmarkDB } from '../../src/db/schema';
import { LIMITS, PageRequestSchemas, RequestSchemas, type RequestType, type StateBroadcast, type StateChange } from '../../src/shared/messages';
import { ACCESS } from '../../src/background/handlers';
import { resetSeenUpkeep } from '../../src/background/seen-upkeep';
import { DEFAULT_SETTINGS, SETTINGS_KEY } from '../../src/shared/settings';
import { request } from '../../src/shared/messaging';
import {
  browser,
  contentScriptSender,
  deliverMessage,
  extensionPageSender,
  resetFakeBrowser,
  sentToTabs,
  setDefaultSender,
  setFakeTabs,
  FAKE_EXTENSION_ID,
} from './fake-browser';
import { arxivPaper, freshDb } from './db-kit';
import type { PaperMetadata } from '../../src/shared/paper';

let db: ShelfmarkDB;
let broadcasts: StateChange[][];

function install(overrides: Partial<RouterDeps> = {}) {
  const listener = createMessageListener({
    db: () => db,
    runtime: browser.runtime,
    broadcast: (changes) => broadcasts.push(changes),
    ...overrides,
  });
  browser.runtime.onMessage.addListener(listener);
  return listener;
}

beforeEach(() => {
  resetFakeBrowser();
  db = freshDb();
  broadcasts = [];
});

const envelope = (type: string, payload: unknown) => ({ shelfmark: 1, type, payload });

async function snapshot() {
  return { papers: await db.papers.toArray(), tags: await db.tags.toArray() };
}

describe('every request, from the popup', () => {
  beforeEach(() => {
    install();
  });

  it('saves, tags, suggests, sets status and note, colours, unsaves and restores', async () => {
    const paper = arxivPaper(1, { aliases: [arxivPaper(1).id, 'doi:10.9999/router.1'] });
    expect(await request('save', { paper })).toMatchObject({ id: paper.id, saved: true });
    expect(await request('addTag', { id: paper.id, tag: 'Queue' })).toMatchObject({ tags: [{ name: 'Queue' }] });
    expect(await request('setTags', { id: paper.id, tags: ['queue', 'Later'] })).toMatchObject({
      tags: [{ name: 'Queue' }, { name: 'Later' }],
    });
    expect(await request('removeTag', { id: paper.id, tag: 'LATER' })).toMatchObject({ tags: [{ name: 'Queue' }] });
    expect(await request('suggestTags', { prefix: 'q' })).toEqual({
      tags: [{ name: 'Queue', color: expect.any(String), count: 1 }],
    });
    expect(await request('setStatus', { id: 'doi:10.9999/router.1', status: 'done' })).toMatchObject({ status: 'done' });
    expect(await request('setNote', { id: paper.id, note: 'remember' })).toMatchObject({ saved: true });
    expect(await request('setTagColor', { tag: 'queue', color: '#123456' })).toMatchObject({ name: 'Queue', color: '#123456' });
    expect(await request('getStates', { papers: [{ id: 'doi:10.9999/router.1', aliases: [] }] })).toEqual({
      states: { 'doi:10.9999/router.1': { id: paper.id, saved: true, status: 'done', tags: [{ name: 'Queue', color: '#123456' }] } },
      marks: {},
      previousVisitAt: null,
    });

    const { removed, state } = await request('unsave', { id: paper.id });
    expect(state.saved).toBe(false);
    expect(removed).toMatchObject({ note: 'remember', tags: ['Queue'] });
    expect(await db.papers.count()).toBe(0);
    expect(await request('restore', { paper: { ...removed! } })).toMatchObject({ saved: true, status: 'done' });
    expect(await db.papers.get(paper.id)).toMatchObject({ note: 'remember' });
  });

  it('imports and answers the report', async () => {
    const report = await request('importPapers', {
      papers: [{ ...arxivPaper(2), tags: ['Imported'], status: 'reading', note: '', savedAt: 5, updatedAt: 5 }],
      tags: [{ name: 'Imported', color: '#abcdef' }],
    });
    expect(report).toEqual({ added: 1, updated: 0, unchanged: 0, tagsAdded: 1 });
    expect(await db.tags.get('imported')).toMatchObject({ color: '#abcdef' });
  });

  it('broadcasts after each committed write, never after a read, a no-op or a failure', async () => {
    await request('getStates', { papers: [{ id: arxivPaper(1).id, aliases: [] }] });
    expect(broadcasts).toEqual([]);
    const state = await request('addTag', { id: arxivPaper(1).id, tag: 'x', paper: arxivPaper(1) });
    expect(broadcasts).toEqual([[{ keys: [arxivPaper(1).id], state }]]);
    await request('addTag', { id: arxivPaper(1).id, tag: 'X' });
    await request('suggestTags', { prefix: '' });
    await expect(request('setStatus', { id: arxivPaper(2).id, status: 'done' })).rejects.toThrow(/not in your reading list/);
    expect(broadcasts).toHaveLength(1);
  });
});

describe('requests from content scripts', () => {
  beforeEach(() => {
    install();
    setDefaultSender(contentScriptSender(7));
  });

  it('may use the page-facing requests', async () => {
    const paper = arxivPaper(3);
    await request('save', { paper });
    await request('addTag', { id: paper.id, tag: 'from-page' });
    await request('setStatus', { id: paper.id, status: 'reading' });
    expect(await request('suggestTags', { prefix: 'from' })).toMatchObject({ tags: [{ name: 'from-page' }] });
    expect(await request('getStates', { papers: [paper] })).toMatchObject({ states: { [paper.id]: { status: 'reading' } } });
  });

  it('answers a first request from a site the user turned off with siteOff alone, and keeps nothing of the page', async () => {
    resetSeenUpkeep();
    await browser.storage.local.set({ [SETTINGS_KEY]: { ...DEFAULT_SETTINGS, disabledSites: ['links:blog.example'] } });
    const paper = arxivPaper(4);
    await request('save', { paper });
    const listing = 'https://blog.example/reading';
    const papers = [{ id: paper.id, aliases: [], text: 'a made-up title' }];
    expect(await request('getStates', { papers, listing, sites: ['links', 'links:blog.example'] })).toEqual({ states: {}, siteOff: true });
    expect(await db.visits.count()).toBe(0);
    // The same request from a site that is on: the state, and the visit is recorded.
    const answer = await request('getStates', { papers, listing, sites: ['links', 'links:other.example'] });
    expect(answer.siteOff).toBeUndefined();
    expect(answer.states[paper.id]).toMatchObject({ saved: true });
    expect(await db.visits.get(listing)).toMatchObject({ ids: [paper.id] });
  });

  it('may use exactly the requests of the page map', () => {
    expect(Object.keys(ACCESS).sort()).toEqual(Object.keys(RequestSchemas).sort());
    const pageTypes = Object.entries(ACCESS).flatMap(([type, access]) => (access === 'page' ? [type] : []));
    expect(pageTypes.sort()).toEqual(Object.keys(PageRequestSchemas).sort());
  });

  it.each<[RequestType, unknown]>([
    ['importPapers', { papers: [{ ...arxivPaper(4), savedAt: 1 }], tags: [] }],
    ['importBackup', { url: 'blob:https://arxiv.org/00000000-0000-4000-8000-000000000000' }],
    ['setNote', { id: arxivPaper(3).id, note: 'from a page' }],
    ['setTagColor', { tag: 'from-page', color: '#000000' }],
    ['restore', { paper: { ...arxivPaper(5), tags: [], status: 'unread', note: '', savedAt: 1, updatedAt: 1 } }],
    ['updateSettings', { patch: { theme: 'dark' } }],
  ])('may not use %s, and nothing changes', async (type, payload) => {
    await request('addTag', { id: arxivPaper(3).id, tag: 'from-page', paper: arxivPaper(3) });
    const before = await snapshot();
    broadcasts = [];
    await expect(request(type, payload as never)).rejects.toThrow(`"${type}" cannot be requested from a web page.`);
    expect(await snapshot()).toEqual(before);
    expect(broadcasts).toEqual([]);
  });
});

describe('a page entry whose ids belong to two saved papers (issue 14)', () => {
  // Saved apart: the arXiv preprint on arXiv, the journal version on the publisher's page.
  const preprint = arxivPaper(21);
  const journal: PaperMetadata = { ...arxivPaper(22), id: 'doi:10.9999/journal.22', aliases: ['doi:10.9999/journal.22'], title: 'The journal version' };
  // A blog's entry with the preprint's arXiv link beside the journal's DOI link.
  const entry: PaperMetadata = { ...preprint, aliases: [preprint.id, journal.id] };
  const message = `This entry ("${preprint.id}") would join two papers of your list into one: "${preprint.id}" and "${journal.id}". Nothing was saved; if they are the same paper, remove one of them and save again.`;

  beforeEach(async () => {
    install();
    await request('save', { paper: preprint });
    await request('setStatus', { id: preprint.id, status: 'done' });
    await request('setNote', { id: preprint.id, note: 'read the preprint' });
    await request('save', { paper: journal });
    await request('setTags', { id: journal.id, tags: ['journal'] });
    await request('setNote', { id: journal.id, note: 'cite this one' });
    setDefaultSender(contentScriptSender(3));
    broadcasts = [];
  });

  it.each<[string, RequestType, unknown]>([
    ['a save', 'save', { paper: entry }],
    ['a tag on the unsaved entry', 'addTag', { id: entry.id, tag: 'later', paper: entry }],
    ['a tag list on the unsaved entry', 'setTags', { id: entry.id, tags: ['later'], paper: entry }],
    ['a bulk save with a tag', 'bulkSave', { papers: [arxivPaper(23), entry], tag: 'later' }],
  ])('refuses %s, naming both papers, and changes nothing', async (_what, type, payload) => {
    const before = await snapshot();
    const answer = await deliverMessage(envelope(type, payload), contentScriptSender(3));
    expect(answer).toEqual({ ok: false, error: message, refused: true });
    expect(await snapshot()).toEqual(before);
    expect(broadcasts).toEqual([]);
  });

  it('still saves an entry that joins a saved paper with an id nobody has', async () => {
    const fresh: PaperMetadata = { ...preprint, aliases: [preprint.id, 'doi:10.9999/fresh.21'] };
    expect(await request('save', { paper: fresh })).toMatchObject({ id: preprint.id, saved: true, status: 'done' });
    expect((await db.papers.get(preprint.id))?.aliases).toEqual([preprint.id, 'doi:10.9999/fresh.21']);
    expect(await db.papers.count()).toBe(2);
  });
});

describe('what the router refuses', () => {
  it.each([null, undefined, 'save', 42, [], {}, { type: 'save' }, { shelfmark: 2, type: 'save', payload: {} }])(
    'leaves the foreign message %j to other listeners',
    async (message) => {
      const listener = install();
      expect(listener(message, extensionPageSender())).toBeUndefined();
      expect(await deliverMessage(message)).toBeUndefined();
    },
  );

  it('answers a malformed envelope of ours with a clear error', async () => {
    install();
    expect(await deliverMessage({ shelfmark: 1, type: 'dropTables', payload: {} })).toEqual({
      ok: false,
      error: expect.stringMatching(/^Malformed Shelfmark request: type: unknown "dropTables"/),
      refused: true,
    });
    expect(await deliverMessage({ shelfmark: 1, type: 'save' })).toEqual({
      ok: false,
      error: expect.stringMatching(/^Malformed Shelfmark request: payload: Invalid key/),
      refused: true,
    });
  });

  it.each([
    ['a missing field', 'save', { paper: { ...arxivPaper(1), title: undefined } }, /paper\.title/],
    ['a wrong type', 'setStatus', { id: arxivPaper(1).id, status: 'someday' }, /status/],
    ['a bad id', 'unsave', { id: 'not an id' }, /id/],
    ['an oversized title', 'save', { paper: arxivPaper(1, { title: 'x'.repeat(LIMITS.title + 1) }) }, /paper\.title/],
    ['too many aliases', 'save', { paper: arxivPaper(1, { aliases: Array.from({ length: 17 }, (_, i) => `url:${i}`) }) }, /aliases/],
    ['too many refs', 'getStates', { papers: Array.from({ length: LIMITS.idsPerRequest + 1 }, () => ({ id: 'arxiv:1', aliases: [] })) }, /papers/],
    ['an oversized tag', 'addTag', { id: arxivPaper(1).id, tag: 'y'.repeat(1_000), paper: arxivPaper(1) }, /tag/],
    ['an invalid tag', 'addTag', { id: arxivPaper(1).id, tag: 'z'.repeat(65), paper: arxivPaper(1) }, /at most 64 characters/],
    ['a bad colour', 'setTagColor', { tag: 'ok', color: 'red;background:url(x)' }, /color/],
  ])('rejects %s with a clear error and changes nothing', async (_what, type, payload, message) => {
    install();
    await request('addTag', { id: arxivPaper(2).id, tag: 'before', paper: arxivPaper(2) });
    const before = await snapshot();
    broadcasts = [];
    const answer = await deliverMessage(envelope(type, payload));
    expect(answer).toEqual({ ok: false, error: expect.stringMatching(message), refused: true });
    expect(await snapshot()).toEqual(before);
    expect(broadcasts).toEqual([]);
  });

  it.each([
    ['another extension', { ...extensionPageSender(), id: 'someone-else' }, /only its own extension/],
    ['no sender id', { url: 'https://arxiv.org/' }, /only its own extension/],
    ['neither a tab nor an extension page', { id: FAKE_EXTENSION_ID, url: 'https://evil.example/' }, /from a tab or an extension page/],
    ['a look-alike extension URL', { id: FAKE_EXTENSION_ID, url: `chrome-extension://${FAKE_EXTENSION_ID}.evil/` }, /from a tab/],
  ])('rejects a message from %s', async (_what, sender, message) => {
    install();
    const answer = await deliverMessage(envelope('save', { paper: arxivPaper(1) }), sender);
    expect(answer).toEqual({ ok: false, error: expect.stringMatching(message), refused: true });
    expect(await db.papers.count()).toBe(0);
  });

  it('answers a full disk as a refusal that says so, not as a raw QuotaExceededError (issue 14)', async () => {
    const full = new DOMException('The current transaction exceeded its quota limitations.', 'QuotaExceededError');
    install({ db: () => Object.assign(db, {}) });
    vi.spyOn(db, 'transaction').mockRejectedValueOnce(Object.assign(new Error('Transaction aborted'), { name: 'AbortError', inner: full }));
    const answer = await deliverMessage(envelope('save', { paper: arxivPaper(1) }));
    expect(answer).toEqual({ ok: false, error: expect.stringMatching(/^Your browser's storage for Shelfmark is full/u), refused: true });
    expect(await db.papers.count()).toBe(0);
  });

  it('refuses getStates with a million ids by their number, before checking any of them (issue 14)', async () => {
    const listener = install();
    // Straight to the listener: cloning a million items as the fake messaging does is the slow part here.
    const papers = new Array<number>(1_000_000).fill(0);
    const answer = await listener(envelope('getStates', { papers }), extensionPageSender());
    expect(answer).toEqual({ ok: false, error: expect.stringMatching(/^Invalid "getStates" request: papers: Invalid length/u), refused: true });
    expect((answer as { error: string }).error).not.toMatch(/papers\.0/u);
  });

  it('answers an unexpected failure with an error and keeps working', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let fail = true;
    install({
      db: () => {
        if (fail) throw new Error('IndexedDB went away');
        return db;
      },
    });
    expect(await deliverMessage(envelope('getStates', { papers: [] }))).toEqual({
      ok: false,
      error: 'Shelfmark could not complete "getStates": IndexedDB went away',
    });
    expect(consoleError).toHaveBeenCalled();
    fail = false;
    expect(await deliverMessage(envelope('getStates', { papers: [] }))).toEqual({
      ok: true,
      value: { states: {}, marks: {}, previousVisitAt: null },
    });
  });

  it('answers with a native Promise', async () => {
    const listener = install();
    const answer = listener(envelope('suggestTags', { prefix: '' }), extensionPageSender());
    expect(answer).toBeInstanceOf(Promise);
    expect(Object.getPrototypeOf(answer)).toBe(Promise.prototype);
    await answer;
  });
});

describe('the broadcast reaches tabs', () => {
  it('every tab hears a change made in one of them, under every key of the paper', async () => {
    const heard: Record<number, unknown[]> = { 1: [], 2: [] };
    setFakeTabs([{ id: 1 }, { id: 2 }, { id: 3 }], {
      1: (message) => heard[1]!.push(message),
      2: (message) => heard[2]!.push(message),
      // Tab 3 has no content script: sendMessage rejects, and that is fine.
    });
    install({ broadcast: broadcastChanges });
    setDefaultSender(contentScriptSender(1));
    const paper = arxivPaper(8, { aliases: [arxivPaper(8).id, 'doi:10.9999/b.8'] });
    await request('addTag', { id: paper.id, tag: 'Synced', paper });

    await vi.waitFor(() => expect(sentToTabs()).toHaveLength(3));
    for (const tab of [1, 2]) {
      expect(heard[tab]).toHaveLength(1);
      const message = heard[tab]![0] as StateBroadcast;
      expect(message).toMatchObject({ shelfmark: 1, type: 'stateChanged' });
      expect(message.changes).toEqual([
        {
          keys: [paper.id, 'doi:10.9999/b.8'],
          state: { id: paper.id, saved: true, status: 'unread', tags: [{ name: 'Synced', color: expect.any(String) }] },
        },
      ]);
    }
  });

  it('training gives way until a request is answered and its change handed to every tab', async () => {
    setFakeTabs([{ id: 1 }, { id: 2 }, { id: 3 }], { 1: () => {}, 2: () => {} });
    install({ broadcast: broadcastChanges });
    setDefaultSender(contentScriptSender(1));
    const answered = request('addTag', { id: arxivPaper(9).id, tag: 'Waited', paper: arxivPaper(9) });
    // A training pause that begins while the request is on its way ends once the tabs were sent the change.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const sentWhenResumed = giveWay(1).then(() => sentToTabs().length);
    await answered;
    expect(await sentWhenResumed).toBe(3);
  });
});
