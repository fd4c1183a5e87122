import { describe, expect, it } from 'vitest';
import { ForYouService } from '../../src/background/for-you';
import { savePaper } from '../../src/db/papers';
import { addTag } from '../../src/db/tagging';
import type { ShelfmarkDB } from '../../src/db/schema';
import { unsavedState, type PaperState } from '../../src/shared/paper';
import { arxivPaper, freshDb } from './db-kit';

// Two made-up fields: what the user saves, and what they pass over.
const GARDEN = ['lattice gardening with quiet trellis', 'trellis pruning for lattice gardening', 'lattice gardening under moonlit trellis', 'compost lattice gardening trellis', 'a trellis theory of lattice gardening', 'trellis lattice gardening at dawn'];
const PASSED = ['marine acoustics of humming kelp', 'kelp forest acoustics survey', 'humming kelp and tidal echoes', 'echoes in kelp acoustics', 'tidal kelp humming patterns', 'acoustics of drifting kelp', 'sonar kelp humming', 'kelp echoes at low tide'];

function service(enabled = true) {
  return new ForYouService({ settings: async () => ({ enabled, maxShare: 0.5 }), trainDelayMs: 0, sliceMs: 4 });
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

  it('learns from saved papers and the page entries passed over, and suggests entries like the saved ones', async () => {
    const db = freshDb();
    const forYou = service();
    await saveAll(db, GARDEN, 1, 'garden');
    // A first listing: its unsaved entries are remembered (as features) and become negatives.
    expect((await forYou.answer(db, refs(PASSED, 100), none)).status).toBe('training');
    await new Promise((resolve) => setTimeout(resolve, 20));
    await forYou.idle();
    expect(await db.rankFeatures.count()).toBe(PASSED.length);
    forYou.libraryChanged(db);
    await forYou.idle();

    const listing = [
      { id: 'arxiv:2502.00001', aliases: [], text: 'lattice gardening with trellis robots' },
      { id: 'arxiv:2502.00002', aliases: [], text: 'humming kelp acoustics revisited' },
      { id: 'arxiv:2502.00003', aliases: [], text: 'tidal echoes of kelp' },
      { id: 'arxiv:2502.00004', aliases: [], text: 'kelp sonar humming' },
    ];
    const answer = await forYou.answer(db, listing, none, { id: 7, url: 'https://arxiv.org/list/cs.LG/new' });
    expect(answer.status).toBe('on');
    expect(Object.keys(answer.suggestions)).toEqual(['arxiv:2502.00001']);
    const why = answer.suggestions['arxiv:2502.00001']!;
    expect(why.because.join(' ')).toMatch(/lattice|gardening|trellis/u);
    expect(why.like.every((title) => GARDEN.includes(title))).toBe(true);

    // The popup's list for that tab, with the entry's title.
    expect(forYou.pageSuggestions(7)).toMatchObject({ status: 'on', suggestions: [{ id: 'arxiv:2502.00001', title: 'lattice gardening with trellis robots' }] });
    expect(forYou.pageSuggestions(8).suggestions).toEqual([]);
  });

  it('never suggests a paper already saved', async () => {
    const db = freshDb();
    const forYou = service();
    await saveAll(db, GARDEN);
    await forYou.answer(db, refs(PASSED, 100), none);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await forYou.idle();
    const saved = { ...unsavedState(arxivPaper(1).id), saved: true };
    const answer = await forYou.answer(db, refs(GARDEN.slice(0, 1), 1), { [arxivPaper(1).id]: saved });
    expect(answer.suggestions).toEqual({});
  });

  it('forgets the model and the stored features when reset (turned off)', async () => {
    const db = freshDb();
    const forYou = service();
    await saveAll(db, GARDEN);
    await forYou.answer(db, refs(PASSED, 100), none);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await forYou.idle();
    expect(await db.rankFeatures.count()).toBeGreaterThan(0);
    forYou.reset();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await db.rankFeatures.count()).toBe(0);
    expect((await forYou.answer(db, [], none)).status).not.toBe('on');
  });
});
