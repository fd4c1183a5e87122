import { beforeEach, describe, expect, it } from 'vitest';
import { ForYouService, TRAINING_STEP_MEASURE } from '../../src/background/for-you';
import { forgetTab } from '../../src/background/tab-memory';
import { savePaper } from '../../src/db/papers';
import { markSeen } from '../../src/db/seen';
import { addTag } from '../../src/db/tagging';
import type { ShelfmarkDB } from '../../src/db/schema';
import { unsavedState, type PaperState } from '../../src/shared/paper';
import { arxivPaper, freshDb } from './db-kit';
import { resetFakeBrowser } from './fake-browser';

beforeEach(() => resetFakeBrowser());

// Two made-up fields: what the user saves, and what they pass over.
const GARDEN = ['lattice gardening with quiet trellis', 'trellis pruning for lattice gardening', 'lattice gardening under moonlit trellis', 'compost lattice gardening trellis', 'a trellis theory of lattice gardening', 'trellis lattice gardening at dawn'];
const PASSED = ['marine acoustics of humming kelp', 'kelp forest acoustics survey', 'humming kelp and tidal echoes', 'echoes in kelp acoustics', 'tidal kelp humming patterns', 'acoustics of drifting kelp', 'sonar kelp humming', 'kelp echoes at low tide'];

function service(enabled = true) {
  return new ForYouService({ settings: async () => ({ enabled, maxShare: 0.5 }), trainDelayMs: 0, sliceMs: 4, storeDelayMs: 0 });
}

async function saveAll(db: ShelfmarkDB, titles: string[], from = 1, tag?: string) {
  for (const [i, title] of titles.entries()) {
    const paper = arxivPaper(from + i, { title, abstract: undefined });
    await savePaper(db, paper);
    if (tag) await addTag(db, paper.id, tag);
  }
}

const refs = (titles: string[], from: number) => titles.map((text, i) => ({ id: arxivPaper(from + i).id, aliases: [], text }));
const none: Record<string, PaperState> = {};
const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

/** A page shows `titles` (their features are stored) and the user has them on screen (the seen history). */
async function showAndSee(db: ShelfmarkDB, forYou: ForYouService, titles: string[], from: number) {
  await forYou.answer(db, refs(titles, from), none);
  await tick();
  const added = await markSeen(db, refs(titles, from).map((ref) => ref.id));
  forYou.seenAdded(db, added.length);
  await forYou.idle();
}

const LISTING = [
  { id: 'arxiv:2502.00001', aliases: [], text: 'lattice gardening with trellis robots' },
  { id: 'arxiv:2502.00002', aliases: [], text: 'humming kelp acoustics revisited' },
  { id: 'arxiv:2502.00003', aliases: [], text: 'tidal echoes of kelp' },
  { id: 'arxiv:2502.00004', aliases: [], text: 'kelp sonar humming' },
];

describe('for you, in the background', () => {
  it('says why there are no suggestions: off, or too few saved papers', async () => {
    const db = freshDb();
    expect(await service(false).answer(db, refs(PASSED, 100), none)).toEqual({ status: 'off', suggestions: {} });
    const forYou = service();
    await saveAll(db, GARDEN.slice(0, 3));
    await forYou.answer(db, refs(PASSED, 100), none);
    await forYou.idle();
    expect(await forYou.answer(db, refs(PASSED, 100), none)).toEqual({ status: 'cold-start', saved: 3, suggestions: {} });
  });

  it('learns from saved papers and the entries seen and passed over, and suggests entries like the saved ones', async () => {
    const db = freshDb();
    const forYou = service();
    await saveAll(db, GARDEN, 1, 'garden');
    // A first listing: its unsaved entries are remembered (as features); once seen, they are negatives.
    expect((await forYou.answer(db, refs(PASSED, 100), none)).status).toBe('training');
    await showAndSee(db, forYou, PASSED, 100);
    expect(await db.rankFeatures.count()).toBe(PASSED.length);

    const answer = await forYou.answer(db, LISTING, none, { id: 7, url: 'https://arxiv.org/list/cs.LG/new' });
    expect(answer.status).toBe('on');
    expect(Object.keys(answer.suggestions)).toEqual(['arxiv:2502.00001']);
    const why = answer.suggestions['arxiv:2502.00001']!;
    expect(why.because.join(' ')).toMatch(/lattice|gardening|trellis/u);
    expect(why.like.every((title) => GARDEN.includes(title))).toBe(true);

    // The popup's list for that tab, with the entry's title.
    const forTab7 = { status: 'on', suggestions: [{ id: 'arxiv:2502.00001', title: 'lattice gardening with trellis robots' }] };
    expect(await forYou.pageSuggestions(7)).toMatchObject(forTab7);
    expect(await forYou.pageSuggestions(8)).toBeNull();

    // The background stops (30 s idle) and starts again: the popup still lists the tab's suggestions.
    expect(await service().pageSuggestions(7)).toMatchObject(forTab7);
    // The tab closes: they go, from this background and from the next.
    await forgetTab(7);
    expect(await forYou.pageSuggestions(7)).toBeNull();
    expect(await service().pageSuggestions(7)).toBeNull();
  });

  it('does not learn from entries a page listed that the user never had on screen', async () => {
    const db = freshDb();
    const forYou = service();
    await saveAll(db, GARDEN);
    await forYou.answer(db, refs(PASSED, 100), none);
    await tick();
    forYou.libraryChanged(db);
    await forYou.idle();
    expect(await db.rankFeatures.count()).toBe(PASSED.length);
    expect(await forYou.answer(db, LISTING, none)).toEqual({ status: 'no-seen', suggestions: {} });
    // Seen now: a model follows.
    const added = await markSeen(db, refs(PASSED, 100).map((ref) => ref.id));
    forYou.seenAdded(db, added.length);
    await forYou.idle();
    expect((await forYou.answer(db, LISTING, none)).status).toBe('on');
  });

  it('keeps the trained model: a restarted background scores with it at once, and retrains only when the library changed meanwhile', async () => {
    const db = freshDb();
    const first = service();
    await saveAll(db, GARDEN);
    await first.answer(db, refs(PASSED, 100), none);
    await showAndSee(db, first, PASSED, 100);
    const before = await first.answer(db, LISTING, none);
    expect(Object.keys(before.suggestions)).toEqual(['arxiv:2502.00001']);
    expect(await db.rankModel.count()).toBe(1);

    // A new background on the same database: its first answer is ranked, and nothing is trained
    // (a training would store its model anew).
    await db.rankModel.toCollection().modify({ trainedAt: 1 });
    const restarted = service();
    expect(await restarted.answer(db, LISTING, none)).toEqual(before);
    await tick();
    await restarted.idle();
    expect((await db.rankModel.toArray())[0]!.trainedAt).toBe(1);

    // A paper saved while no background ran: the stored model answers, and a new one is trained.
    await savePaper(db, arxivPaper(50, { title: 'trellis lattice gardening at noon', abstract: undefined }));
    const third = service();
    expect((await third.answer(db, LISTING, none)).status).toBe('on');
    await tick();
    await third.idle();
    const retrained = (await db.rankModel.toArray())[0]!;
    expect(retrained.trainedAt).toBeGreaterThan(1);
    expect(retrained.model.savedCount).toBe(GARDEN.length + 1);
  });

  it('never suggests a paper already saved', async () => {
    const db = freshDb();
    const forYou = service();
    await saveAll(db, GARDEN);
    await showAndSee(db, forYou, PASSED, 100);
    const saved = { ...unsavedState(arxivPaper(1).id), saved: true };
    const answer = await forYou.answer(db, refs(GARDEN.slice(0, 1), 1), { [arxivPaper(1).id]: saved });
    expect(answer.suggestions).toEqual({});
  });

  it('forgets the model and the stored features and model when reset (turned off)', async () => {
    const db = freshDb();
    const forYou = service();
    await saveAll(db, GARDEN);
    await showAndSee(db, forYou, PASSED, 100);
    expect(await db.rankFeatures.count()).toBeGreaterThan(0);
    expect(await db.rankModel.count()).toBe(1);
    forYou.reset();
    await tick();
    expect(await db.rankFeatures.count()).toBe(0);
    expect(await db.rankModel.count()).toBe(0);
    expect((await forYou.answer(db, [], none)).status).not.toBe('on');
  });

  it('stores the model once retraining settles, not after every retraining', async () => {
    const db = freshDb();
    const forYou = new ForYouService({ settings: async () => ({ enabled: true, maxShare: 0.5 }), trainDelayMs: 0, sliceMs: 4, storeDelayMs: 150 });
    await saveAll(db, GARDEN);
    await showAndSee(db, forYou, PASSED, 100);
    expect(await db.rankModel.count()).toBe(1);
    const count = (step: string) => performance.getEntriesByName(TRAINING_STEP_MEASURE + step).length;
    const [trained, stored] = [count('train'), count('store')];
    // Three saves a little apart: three retrainings, each within the wait of the one before.
    for (const n of [60, 61, 62]) {
      await savePaper(db, arxivPaper(n, { title: `trellis lattice gardening, part ${n}`, abstract: undefined }));
      forYou.libraryChanged(db);
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    await forYou.idle();
    expect(count('train') - trained).toBeGreaterThanOrEqual(2);
    expect(count('store') - stored).toBe(1);
    expect((await db.rankModel.toArray())[0]!.model.savedCount).toBe(GARDEN.length + 3);
  });
});
