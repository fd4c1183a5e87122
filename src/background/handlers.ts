// One handler per request type (src/shared/messages.ts), dispatched by the router through this map.
import type { Runtime } from '../shared/browser';
import type { RequestOf, RequestType, ResponseOf } from '../shared/messages';
import { importPapers } from '../db/import';
import type { WriteOutcome } from '../db/outcome';
import { getStates, restorePaper, savePaper, setNote, setStatus, setVersionSeen, unsavePaper } from '../db/papers';
import type { ShelfmarkDB } from '../db/schema';
import { addTag, removeTag, setTagColor, setTags, suggestTags } from '../db/tagging';
import { writeSettings } from '../shared/settings';
import { clearSeenHistory, forgetSeen, markSeen, seenStats, triageMarks } from '../db/seen';
import { importBackup } from './import-backup';
import { keepSeenHistoryPruned, seenHistorySettings } from './seen-upkeep';
import { bulkSave, undoBulk } from '../db/bulk';

export interface HandlerContext {
  db: ShelfmarkDB;
  sender: Runtime.MessageSender;
  /** `runtime.getURL('')`: the extension's own origin, with a trailing slash. */
  extensionBase: string;
  /** Hands a committed write's changes to the broadcast and passes its value through. */
  publish: <T>(outcome: WriteOutcome<T>) => T;
}

export type Handler<K extends RequestType> = (payload: RequestOf<K>, ctx: HandlerContext) => Promise<ResponseOf<K>>;
export type Handlers = { [K in RequestType]: Handler<K> };

export const handlers: Handlers = {
  getStates: async ({ papers, listing }, { db }) => {
    const history = await seenHistorySettings();
    // The history's marks come with the states, in the same request: never one request per entry.
    const [states, triage] = await Promise.all([getStates(db, papers), history.enabled ? triageMarks(db, papers, listing) : undefined]);
    return triage ? { states, ...triage } : { states };
  },
  markSeen: async ({ ids }, { db }) => {
    const history = await seenHistorySettings();
    if (!history.enabled) return { added: [] };
    const added = await markSeen(db, ids);
    keepSeenHistoryPruned(db, history.retentionDays);
    return { added };
  },
  bulkSave: async ({ papers, tag }, { db, publish }) => publish(await bulkSave(db, papers, tag)),
  undoBulk: async (undo, { db, publish }) => publish(await undoBulk(db, undo)),
  setVersionSeen: async ({ id, version }, { db, publish }) => publish(await setVersionSeen(db, id, version)),
  forgetSeen: async ({ ids, listing }, { db }) => {
    await forgetSeen(db, ids, listing);
    return null;
  },
  clearSeenHistory: async (_payload, { db }) => {
    await clearSeenHistory(db);
    return null;
  },
  seenHistoryStats: async (_payload, { db }) => seenStats(db),
  save: async ({ paper }, { db, publish }) => publish(await savePaper(db, paper)),
  unsave: async ({ id }, { db, publish }) => publish(await unsavePaper(db, id)),
  restore: async ({ paper }, { db, publish }) => publish(await restorePaper(db, paper)),
  addTag: async ({ id, tag, paper }, { db, publish }) => publish(await addTag(db, id, tag, paper)),
  removeTag: async ({ id, tag }, { db, publish }) => publish(await removeTag(db, id, tag)),
  setTags: async ({ id, tags, paper }, { db, publish }) => publish(await setTags(db, id, tags, paper)),
  suggestTags: async ({ prefix, limit, exclude }, { db }) => ({ tags: await suggestTags(db, prefix, limit, exclude) }),
  setStatus: async ({ id, status }, { db, publish }) => publish(await setStatus(db, id, status)),
  setNote: async ({ id, note }, { db, publish }) => publish(await setNote(db, id, note)),
  setTagColor: async ({ tag, color }, { db, publish }) => publish(await setTagColor(db, tag, color)),
  importPapers: async ({ papers, tags }, { db, publish }) => publish(await importPapers(db, { papers, tags })),
  importBackup: async ({ url }, { db, extensionBase, publish }) => publish(await importBackup(db, url, { extensionBase })),
  updateSettings: async ({ patch }) => writeSettings(patch),
};

/**
 * Who may send each request. Content scripts share their page with scripts we do not control, so
 * they get only what the on-page UI needs; notes, colours, restore and import are for extension
 * pages. A full record, so a new request type cannot be added without deciding.
 */
export const ACCESS: { [K in RequestType]: 'page' | 'extension' } = {
  getStates: 'page',
  markSeen: 'page',
  setVersionSeen: 'page',
  bulkSave: 'page',
  undoBulk: 'page',
  forgetSeen: 'page',
  save: 'page',
  unsave: 'page',
  addTag: 'page',
  removeTag: 'page',
  setTags: 'page',
  suggestTags: 'page',
  setStatus: 'page',
  restore: 'extension',
  setNote: 'extension',
  setTagColor: 'extension',
  importPapers: 'extension',
  importBackup: 'extension',
  updateSettings: 'extension',
  clearSeenHistory: 'extension',
  seenHistoryStats: 'extension',
};
