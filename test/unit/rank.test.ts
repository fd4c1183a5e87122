import { describe, expect, it } from 'vitest';
import { makeCorpus, makeLibrary } from '../../bench/rank-corpus.mjs';
import { DocumentFrequencies, FEATURE_DIM, featuresOf, paperFeatures, transientFeaturesOf, vectorize } from '../../src/rank/features';
import { rankText } from '../../src/shared/for-you';
import { learn, newModel, probability, DEFAULT_SGD } from '../../src/rank/logistic';
import { isModel, MIN_SAVED, scoreAll, suggest, train, type RankModel, type SavedFeatureCache, type SavedForRanking } from '../../src/rank/model';
import { termsOf } from '../../src/rank/terms';

function library(overrides: Partial<Parameters<typeof makeLibrary>[1]> = {}) {
  const corpus = makeCorpus({ seed: 3 });
  return makeLibrary(corpus, { liked: [2, 5], saved: 60, seen: 600, listing: 400, seed: 5, ...overrides });
}

async function trained(lib: ReturnType<typeof library>): Promise<RankModel> {
  const result = await train({ saved: lib.saved, seen: lib.seen.map((p) => featuresOf(p.title)) }, { seed: 1 });
  if (!isModel(result)) throw new Error(`not trained: ${JSON.stringify(result)}`);
  return result;
}

describe('terms', () => {
  it('lower-cases, drops stop words, numbers and single letters, stems, and keeps a written form', () => {
    const { stems, words } = termsOf('Denoising Diffusion Models for Self-Supervised Learning of 3D Shapes in 2024, a Survey');
    expect(stems).toEqual(['denois', 'diffus', 'model', 'self', 'supervis', 'learn', '3d', 'shape', 'survei']);
    expect(words.get('diffus')).toBe('diffusion');
    expect(termsOf('diffusions DIFFUSION').stems).toEqual(['diffus', 'diffus']);
  });

  it('reads letters of any script', () => {
    expect(termsOf('Über Graphen und Gruppen').stems).toEqual(['über', 'graphen', 'und', 'gruppen']);
  });
});

describe('features', () => {
  it('gives one word one index whatever its form, and adds word pairs', () => {
    const labels = new Map<number, string>();
    const a = featuresOf('Diffusion models', labels);
    const b = featuresOf('diffusion model');
    expect([...a]).toEqual([...b]);
    expect(a).toHaveLength(3);
    expect(new Set(labels.values())).toEqual(new Set(['diffusion', 'models', 'diffusion models']));
    for (const id of a) expect(id).toBeLessThan(FEATURE_DIM);
    expect(featuresOf('of the')).toHaveLength(0);
  });

  it('reads plain ASCII text (its fast way) as the Unicode-aware way does, and a paper as its two texts', () => {
    const texts = ['Denoising Diffusion Models for Self-Supervised Learning of 3D Shapes', 'GPT4 and the 3-D kelp: models, models', 'Über Graphen und Gruppen', 'naïve café models'];
    for (const text of texts) {
      // With labels, every text takes the Unicode-aware way.
      expect([...featuresOf(text)]).toEqual([...featuresOf(text, new Map())]);
      expect([...transientFeaturesOf(text)]).toEqual([...featuresOf(text)]);
    }
    const [title, abstract] = ['Humming kelp acoustics', 'We survey tidal echoes: naïve sonar of kelp forests'];
    const paper = paperFeatures(title, abstract);
    expect([...paper.title]).toEqual([...featuresOf(title)]);
    expect([...paper.full!]).toEqual([...featuresOf(rankText(title, abstract))]);
    expect(paperFeatures(title).full).toBeNull();
  });

  it('weighs rare features more and scales vectors to unit length', () => {
    const df = new DocumentFrequencies();
    for (let i = 0; i < 20; i++) df.add(featuresOf(i < 2 ? 'common word rare' : 'common word'));
    const vector = vectorize(featuresOf('common rare'), df.idfTable());
    const weight = (word: string) => vector.value[vector.index.indexOf(featuresOf(word)[0]!)]!;
    expect(weight('rare')).toBeGreaterThan(weight('common'));
    const norm = vector.value.reduce((sum, v) => sum + v * v, 0);
    expect(norm).toBeCloseTo(1, 5);
  });
});

describe('logistic regression', () => {
  it('learns to tell two word sets apart', () => {
    const df = new DocumentFrequencies();
    const pos = ['graph neural network', 'graph attention network', 'neural graph pooling'].map((t) => featuresOf(t));
    const neg = ['protein folding energy', 'protein structure energy', 'folding kinetics'].map((t) => featuresOf(t));
    for (const ids of [...pos, ...neg]) df.add(ids);
    const model = newModel(1 << 12);
    for (let epoch = 0; epoch < 50; epoch++) {
      for (const ids of pos) learn(model, vectorize(ids, df.idfTable()), 1, DEFAULT_SGD);
      for (const ids of neg) learn(model, vectorize(ids, df.idfTable()), 0, DEFAULT_SGD);
    }
    expect(probability(model, vectorize(featuresOf('graph network'), df.idfTable()))).toBeGreaterThan(0.8);
    expect(probability(model, vectorize(featuresOf('protein energy'), df.idfTable()))).toBeLessThan(0.2);
  });

  it('refuses a size that cannot be folded into', () => {
    expect(() => newModel(1000)).toThrow(/power of two/);
  });
});

describe('training', () => {
  it('makes no model below MIN_SAVED saved papers, and says so', async () => {
    const saved: SavedForRanking[] = Array.from({ length: MIN_SAVED - 1 }, (_, i) => ({ id: `arxiv:2401.0000${i}`, title: `paper ${i}`, tags: [] }));
    expect(await train({ saved, seen: [featuresOf('x y')] })).toEqual({ reason: 'cold-start', saved: MIN_SAVED - 1 });
    const enough = [...saved, { id: 'arxiv:2401.00009', title: 'five', tags: [] }];
    expect(await train({ saved: enough, seen: [] })).toEqual({ reason: 'no-seen' });
  });

  it('yields between slices of a long run', async () => {
    let yields = 0;
    const lib = library({ saved: 300, seen: 3000 });
    const result = await train(
      { saved: lib.saved, seen: lib.seen.map((p) => featuresOf(p.title)) },
      { sliceMs: 1, yieldFn: async () => void (yields += 1) },
    );
    expect(isModel(result)).toBe(true);
    expect(yields).toBeGreaterThan(5);
  });

  it('keeps saved papers’ features between trainings, refreshed where a paper changed, and gives the same model', async () => {
    const lib = library();
    const seen = lib.seen.map((p) => featuresOf(p.title));
    const cache: SavedFeatureCache = new Map();
    const first = await train({ saved: lib.saved, seen }, { seed: 1, featureCache: cache });
    expect(cache.size).toBe(lib.saved.length);
    const renamed = cache.get(lib.saved[0]!.id)!.features;
    const unchanged = cache.get(lib.saved[2]!.id)!.features;
    // One paper renamed, one gone: the others' features are reused as they are.
    const saved = [{ ...lib.saved[0]!, title: 'humming kelp acoustics' }, ...lib.saved.slice(2)];
    const again = await train({ saved, seen }, { seed: 1, featureCache: cache });
    expect(cache.size).toBe(saved.length);
    expect(cache.has(lib.saved[1]!.id)).toBe(false);
    expect([...cache.get(saved[0]!.id)!.features.title]).toEqual([...featuresOf('humming kelp acoustics')]);
    expect(cache.get(saved[0]!.id)!.features).not.toBe(renamed);
    expect(cache.get(lib.saved[2]!.id)!.features).toBe(unchanged);
    const fresh = await train({ saved, seen }, { seed: 1 });
    if (!isModel(first) || !isModel(again) || !isModel(fresh)) throw new Error('not trained');
    expect(scoreAll(again, lib.listing.slice(0, 20))).toEqual(scoreAll(fresh, lib.listing.slice(0, 20)));
  });

  it('is repeatable with the same seed', async () => {
    const lib = library();
    const [a, b] = [await trained(lib), await trained(lib)];
    expect(scoreAll(a, lib.listing.slice(0, 20))).toEqual(scoreAll(b, lib.listing.slice(0, 20)));
  });
});

describe('suggestions', () => {
  it('rates entries on the liked topics above the others', async () => {
    const lib = library();
    const model = await trained(lib);
    const scores = scoreAll(model, lib.listing);
    const liked = (topic: number) => topic === 2 || topic === 5;
    const on = lib.listing.flatMap((e, i) => (liked(e.topic) ? [scores[i]!] : []));
    const off = lib.listing.flatMap((e, i) => (liked(e.topic) ? [] : [scores[i]!]));
    // The share of (liked, other) pairs ranked the right way round (the ROC curve's area).
    let right = 0;
    for (const a of on) for (const b of off) right += a > b ? 1 : a === b ? 0.5 : 0;
    expect(right / (on.length * off.length)).toBeGreaterThan(0.9);
  });

  it('suggests at most maxShare of the entries, best first, mostly on the liked topics', async () => {
    const lib = library();
    const model = await trained(lib);
    const suggestions = suggest(model, lib.listing, 0.05);
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions.length).toBeLessThanOrEqual(20);
    for (let i = 1; i < suggestions.length; i++) expect(suggestions[i]!.score).toBeLessThanOrEqual(suggestions[i - 1]!.score);
    const topicOf = new Map(lib.listing.map((e) => [e.id, e.topic]));
    const onTopic = suggestions.filter((s) => [2, 5].includes(topicOf.get(s.id)!)).length;
    expect(onTopic / suggestions.length).toBeGreaterThanOrEqual(0.8);
  });

  it('explains with the entry’s own words, saved papers like it, and the tag it looks like', async () => {
    const lib = library();
    const model = await trained(lib);
    const corpus = makeCorpus({ seed: 3 });
    const [top] = suggest(model, lib.listing, 0.05);
    const entry = lib.listing.find((e) => e.id === top!.id)!;
    expect(top!.because.length).toBeGreaterThan(0);
    for (const term of top!.because) for (const word of term.split(' ')) expect(entry.text.split(' ')).toContain(word);
    // The strongest words are the topic's own, not the words every field uses.
    expect(top!.because.some((term) => term.split(' ').some((w) => corpus.topics[entry.topic]!.includes(w)))).toBe(true);
    const savedTitles = new Set(lib.saved.map((p) => p.title));
    for (const title of top!.like) expect(savedTitles.has(title)).toBe(true);
    expect(top!.tag).toBe(`t${entry.topic}`);
  });

  it('suggests nothing where nothing is like the library', async () => {
    const lib = library();
    const model = await trained(lib);
    const unlike = lib.listing.filter((e) => e.topic !== 2 && e.topic !== 5).slice(0, 50);
    const suggestions = suggest(model, unlike, 0.1);
    expect(suggestions.length).toBeLessThanOrEqual(2);
  });
});
