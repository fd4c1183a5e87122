// Sync storage is written by this extension on the user's other devices, but it arrives from
// outside this browser: every record is checked before it is merged, and what fails is dropped
// (the rest of the state still merges; a device never stops syncing over one bad record).
import { parseTagName } from '../shared/tags';
import type { SyncPaper, SyncState, SyncTag } from './record';

const PAPER_ID = /^[a-z]+:\S/u;
const ID_MAX = 400;
const TITLE_MAX = 20_000;
const COLOR = /^#[0-9a-f]{6}$/u;

function goodId(id: string): boolean {
  return id.length <= ID_MAX && PAPER_ID.test(id);
}

function goodTagKey(key: string): boolean {
  const parsed = parseTagName(key);
  return parsed.ok && parsed.key === key;
}

export function checkState(state: SyncState): SyncState {
  const tags = new Map<string, SyncTag>();
  for (const [key, tag] of state.tags) {
    const name = parseTagName(tag.name);
    if (goodTagKey(key) && name.ok && name.key === key && COLOR.test(tag.color)) tags.set(key, tag);
  }
  const papers = new Map<string, SyncPaper>();
  for (const [id, paper] of state.papers) {
    if (!goodId(id)) continue;
    const paperTags = Object.fromEntries(Object.entries(paper.tags).filter(([key]) => goodTagKey(key)));
    papers.set(id, { ...paper, aliases: paper.aliases.filter(goodId), title: paper.title.slice(0, TITLE_MAX), tags: paperTags });
  }
  return { papers, tags };
}
