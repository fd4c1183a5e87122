// One handler per request type (src/shared/messages.ts), dispatched by the router through this map.
import type { Runtime } from '../shared/browser';
import { PageRequestSchemas, RequestSchemas, type RequestOf, type RequestType, type ResponseOf } from '../shared/messages';
import { bulkEdit, bulkUnsave, restoreFields } from '../db/bulk';
import { importPapers } from '../db/import';
import type { WriteOutcome } from '../db/outcome';
import { getStates, restorePaper, savePaper, setNote, setStatus, setVersionSeen, unsavePaper } from '../db/papers';
import type { ShelfmarkDB } from '../db/schema';
import { addTag, removeTag, setTagColor, setTags, suggestTags } from '../db/tagging';
import { deleteTag, mergeTags, renameTag } from '../db/tag-manager';
import { siteIsOff, writeSettings } from '../shared/settings';
import { clearSeenHistory, forgetSeen, markSeen, seenStats, triageMarks } from '../db/seen';
import { currentSettings } from './current-settings';
import { forYouService } from './for-you';
import { importBackup } from './import-backup';
import { keepSeenHistoryPruned, seenHistorySettings } from './seen-upkeep';
import { bulkSave, undoBulk } from '../db/page-bulk';
import { pageSummaries } from './page-summary';

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
  getStates: async ({ papers, listing, sites }, { db, sender }) => {
    if (sites && siteIsOff(await currentSettings(), sites)) return { states: {}, siteOff: true };
    const history = await seenHistorySettings();
    // The history's marks come with the states, in the same request: never one request per entry.
    const [states, triage] = await Promise.all([getStates(db, papers), history.enabled ? triageMarks(db, papers, listing) : undefined]);
    const answer = triage ? { states, ...triage } : { states };
    // Suggestions come with the states, in the same answer; only when the page sent entries' text.
    if (!papers.some((paper) => paper.text)) return answer;
    const tab = sender.tab?.id !== undefined ? { id: sender.tab.id, url: sender.url ?? '' } : undefined;
    return { ...answer, forYou: await forYouService().answer(db, papers, states, tab) };
  },
  markSeen: async ({ ids }, { db }) => {
    const history = await seenHistorySettings();
    if (!history.enabled) return { added: [] };
    const added = await markSeen(db, ids);
    keepSeenHistoryPruned(db, history.retentionDays, () => forYouService().seenRemoved(db));
    forYouService().seenAdded(db, added.length);
    return { added };
  },
  reportPage: async (report, { sender }) => {
    if (sender.tab?.id !== undefined) await pageSummaries().report(sender.tab.id, report);
    return null;
  },
  pageSummary: async ({ tabId }) => pageSummaries().get(tabId),
  bulkSave: async ({ papers, tag }, { db, publish }) => publish(await bulkSave(db, papers, tag)),
  undoBulk: async (undo, { db, publish }) => publish(await undoBulk(db, undo)),
  setVersionSeen: async ({ id, version }, { db, publish }) => publish(await setVersionSeen(db, id, version)),
  forgetSeen: async ({ ids, listing }, { db }) => {
    await forgetSeen(db, ids, listing);
    forYouService().seenRemoved(db);
    return null;
  },
  clearSeenHistory: async (_payload, { db }) => {
    await clearSeenHistory(db);
    forYouService().seenRemoved(db);
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
  bulkEdit: async ({ ids, ...edit }, { db, publish }) => publish(await bulkEdit(db, ids, edit)),
  bulkUnsave: async ({ ids }, { db, publish }) => publish(await bulkUnsave(db, ids)),
  restoreFields: async (input, { db, publish }) => publish(await restoreFields(db, input)),
  renameTag: async ({ tag, to }, { db, publish }) => publish(await renameTag(db, tag, to)),
  mergeTags: async ({ tags, into }, { db, publish }) => publish(await mergeTags(db, tags, into)),
  deleteTag: async ({ tag }, { db, publish }) => publish(await deleteTag(db, tag)),
  importPapers: async ({ papers, tags }, { db, publish }) => publish(await importPapers(db, { papers, tags })),
  importBackup: async ({ url }, { db, extensionBase, publish }) => publish(await importBackup(db, url, { extensionBase })),
  updateSettings: async ({ patch }) => writeSettings(patch),
  pageSuggestions: async ({ tabId }) => forYouService().pageSuggestions(tabId),
};

/**
 * Who may send each request, read off the two request maps of src/shared/messages.ts: a request
 * is 'page' only when it is declared among the page requests, so a new one cannot slip into the
 * content scripts' reach without being put there.
 */
export const ACCESS = Object.fromEntries(
  (Object.keys(RequestSchemas) as RequestType[]).map((type) => [type, Object.hasOwn(PageRequestSchemas, type) ? 'page' : 'extension']),
) as { readonly [K in RequestType]: 'page' | 'extension' };
