// Made-up papers for the ranking benchmarks and tests: topics, each with its own words, and
// titles that mix a few topic words with words every field uses. A library "likes" some topics
// (planted): its saved papers come mostly from them, its seen-and-passed papers from everywhere.
// Words are invented syllable strings, so no real title or abstract is ever copied.

/** @param {number} seed */
export function seeded(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['ka', 'lo', 'mir', 'zen', 'tor', 'vel', 'qua', 'dri', 'fos', 'nel', 'pra', 'sul', 'gom', 'hix', 'jad', 'wre', 'bly', 'cun', 'ept', 'yor'];
const GLUE = ['a', 'of', 'the', 'for', 'with', 'on', 'in', 'and', 'towards', 'via'];

/**
 * @param {() => number} next
 * @param {number} count
 * @param {Set<string>} taken
 */
function words(next, count, taken) {
  const out = [];
  while (out.length < count) {
    const parts = 2 + Math.floor(next() * 2);
    let word = '';
    for (let i = 0; i < parts; i++) word += SYLLABLES[Math.floor(next() * SYLLABLES.length)];
    if (!taken.has(word)) {
      taken.add(word);
      out.push(word);
    }
  }
  return out;
}

/**
 * @typedef {{ topic: number, title: string, abstract: string }} MadeUpPaper
 * @typedef {{ topics: string[][], common: string[], paper: (topic: number) => MadeUpPaper, anyTopic: () => number }} Corpus
 */

/**
 * @param {{ seed?: number, topics?: number, wordsPerTopic?: number, commonWords?: number }} [options]
 * @returns {Corpus}
 */
export function makeCorpus({ seed = 7, topics = 20, wordsPerTopic = 40, commonWords = 1500 } = {}) {
  const next = seeded(seed);
  const taken = new Set();
  const topicWords = Array.from({ length: topics }, () => words(next, wordsPerTopic, taken));
  const common = words(next, commonWords, taken);
  const pick = (/** @type {string[]} */ list) => list[Math.floor(next() * list.length)];
  /** @param {number} count @param {number} topic */
  const sentence = (count, topic) => {
    const out = [];
    for (let i = 0; i < count; i++) {
      const r = next();
      // Titles are about a third topic words, the rest words any field uses and glue.
      out.push(r < 0.35 ? pick(topicWords[topic]) : r < 0.8 ? pick(common) : pick(GLUE));
    }
    return out.join(' ');
  };
  return {
    topics: topicWords,
    common,
    paper: (topic) => ({ topic, title: sentence(8 + Math.floor(next() * 6), topic), abstract: sentence(60, topic) }),
    anyTopic: () => Math.floor(next() * topics),
  };
}

/**
 * A library that likes `liked` topics: saved papers from them (share `focus`, the rest from any
 * topic), seen papers from every topic, and a fresh listing from every topic.
 * @param {Corpus} corpus
 * @param {{ liked: number[], saved: number, seen: number, listing: number, focus?: number, seed?: number, abstracts?: boolean }} shape
 */
export function makeLibrary(corpus, { liked, saved, seen, listing, focus = 0.9, seed = 11, abstracts = true }) {
  const next = seeded(seed);
  const likedTopic = () => liked[Math.floor(next() * liked.length)];
  const savedPapers = Array.from({ length: saved }, (_, i) => {
    const paper = corpus.paper(next() < focus ? likedTopic() : corpus.anyTopic());
    return {
      id: `arxiv:2401.${String(i).padStart(5, '0')}`,
      title: paper.title,
      ...(abstracts ? { abstract: paper.abstract } : {}),
      tags: [`t${paper.topic}`],
      topic: paper.topic,
    };
  });
  const seenPapers = Array.from({ length: seen }, () => corpus.paper(corpus.anyTopic()));
  const listingPapers = Array.from({ length: listing }, (_, i) => {
    const paper = corpus.paper(corpus.anyTopic());
    return { id: `arxiv:2402.${String(i).padStart(5, '0')}`, text: paper.title, topic: paper.topic };
  });
  return { saved: savedPapers, seen: seenPapers, listing: listingPapers };
}
