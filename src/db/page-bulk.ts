// Acting on many entries of a page at once (its selection, "save all new"): one request, one
// transaction (all or nothing), and one undo that puts back exactly what this step changed.
import type { PaperId, PaperMetadata, PaperState } from '../shared/paper';
import { parseTagName, tagKey } from '../shared/tags';
import type { BulkResult, BulkUndo } from '../shared/triage';
import { Refused } from '../shared/refused';
import type { WriteOutcome } from './outcome';
import { getStates, savePaper, unsavePaper } from './papers';
import type { ShelfmarkDB } from './schema';
import { addTag, removeTag } from './tagging';

/** Saves every paper not saved yet, and with `tag`, tags every one (saving those not saved). */
export async function bulkSave(
  db: ShelfmarkDB,
  papers: readonly PaperMetadata[],
  tag?: string,
  now = Date.now(),
): Promise<WriteOutcome<BulkResult>> {
  const parsed = tag === undefined ? undefined : parseTagName(tag);
  if (parsed && !parsed.ok) throw new Refused(parsed.error);
  // Dexie runs the per-paper writes below inside this one transaction: they commit together.
  return db.transaction('rw', db.papers, db.tags, async () => {
    const before = await getStates(db, papers);
    const states: Record<PaperId, PaperState> = {};
    const changes: WriteOutcome<unknown>['changes'] = [];
    const undo: BulkUndo = { unsave: [], untag: parsed?.ok ? { tag: parsed.name, ids: [] } : null };
    for (const paper of papers) {
      const was = before[paper.id];
      if (!parsed) {
        if (was) {
          states[paper.id] = was;
          continue;
        }
        const outcome = await savePaper(db, paper, now);
        states[paper.id] = outcome.value;
        changes.push(...outcome.changes);
        undo.unsave.push(outcome.value.id);
        continue;
      }
      if (!parsed.ok) continue;
      const outcome = await addTag(db, was?.id ?? paper.id, parsed.name, paper, now);
      states[paper.id] = outcome.value;
      changes.push(...outcome.changes);
      if (!was) undo.unsave.push(outcome.value.id);
      else if (!was.tags.some((t) => tagKey(t.name) === parsed.key)) undo.untag!.ids.push(outcome.value.id);
    }
    return { value: { states, undo }, changes };
  });
}

/** Reverts one bulk step: removes the tag it added, unsaves what it saved; one transaction. */
export async function undoBulk(db: ShelfmarkDB, undo: BulkUndo, now = Date.now()): Promise<WriteOutcome<{ states: Record<PaperId, PaperState> }>> {
  return db.transaction('rw', db.papers, db.tags, async () => {
    const states: Record<PaperId, PaperState> = {};
    const changes: WriteOutcome<unknown>['changes'] = [];
    for (const id of undo.untag?.ids ?? []) {
      const outcome = await removeTag(db, id, undo.untag!.tag, now);
      states[id] = outcome.value;
      changes.push(...outcome.changes);
    }
    for (const id of undo.unsave) {
      const outcome = await unsavePaper(db, id);
      states[id] = outcome.value.state;
      changes.push(...outcome.changes);
    }
    return { value: { states }, changes };
  });
}
