// Every tag with its count and colour: rename, merge into another, recolour, delete (with Undo).
// Renaming to another tag's name (in any case) merges the two.
import { useState } from 'preact/hooks';
import type { TagRecord } from '../../shared/records';
import type { TagCount } from '../../popup/list-view';

export interface TagManagerProps {
  tags: readonly TagRecord[];
  counts: readonly TagCount[];
  onRename: (tag: string, to: string) => Promise<boolean>;
  onMerge: (tag: string, into: string) => Promise<boolean>;
  onRecolor: (tag: string, color: string) => void;
  onDelete: (tag: string) => void;
}

const byName = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

export function TagManager({ tags, counts, onRename, onMerge, onRecolor, onDelete }: TagManagerProps) {
  const count = new Map(counts.map((tag) => [tag.key, tag.count]));
  const rows = [...tags].sort((a, b) => (count.get(b.key) ?? 0) - (count.get(a.key) ?? 0) || byName.compare(a.name, b.name));
  const [editing, setEditing] = useState<{ key: string; mode: 'rename' | 'merge'; value: string } | null>(null);

  const submit = async (tag: TagRecord) => {
    if (!editing || !editing.value.trim()) return;
    const ok = editing.mode === 'rename' ? await onRename(tag.name, editing.value) : await onMerge(tag.name, editing.value);
    if (ok) setEditing(null);
  };

  if (rows.length === 0) return <p class="hint">No tags yet. Tags you add to papers show up here.</p>;
  return (
    <table class="tag-table" aria-label="Tags">
      <thead>
        <tr>
          <th scope="col">Colour</th>
          <th scope="col">Tag</th>
          <th scope="col">Papers</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((tag) => {
          const open = editing?.key === tag.key ? editing : null;
          return (
            <tr key={tag.key} data-tag-key={tag.key}>
              <td>
                <input
                  type="color"
                  aria-label={`Colour of ${tag.name}`}
                  value={tag.color}
                  onChange={(event) => onRecolor(tag.name, (event.currentTarget as HTMLInputElement).value)}
                />
              </td>
              <td>
                {open ? (
                  <form
                    class="tag-edit"
                    onSubmit={(event) => {
                      event.preventDefault();
                      void submit(tag);
                    }}
                  >
                    <input
                      type="text"
                      list={open.mode === 'merge' ? 'tag-names' : undefined}
                      aria-label={open.mode === 'rename' ? `New name for ${tag.name}` : `Merge ${tag.name} into`}
                      value={open.value}
                      ref={(input) => input?.focus()}
                      onInput={(event) => setEditing({ ...open, value: (event.currentTarget as HTMLInputElement).value })}
                      onKeyDown={(event) => {
                        if (event.key === 'Escape') setEditing(null);
                      }}
                    />
                    <button type="submit">{open.mode === 'rename' ? 'Rename' : 'Merge'}</button>
                    <button type="button" onClick={() => setEditing(null)}>
                      Cancel
                    </button>
                  </form>
                ) : (
                  <span class="chip" style={{ '--chip': tag.color }}>
                    {tag.name}
                  </span>
                )}
              </td>
              <td class="count">{count.get(tag.key) ?? 0}</td>
              <td class="tag-actions">
                <button type="button" data-action="rename-tag" onClick={() => setEditing({ key: tag.key, mode: 'rename', value: tag.name })}>
                  Rename
                </button>
                <button type="button" data-action="merge-tag" onClick={() => setEditing({ key: tag.key, mode: 'merge', value: '' })}>
                  Merge into…
                </button>
                <button type="button" class="danger" data-action="delete-tag" onClick={() => onDelete(tag.name)}>
                  Delete
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
      <datalist id="tag-names">
        {rows.map((tag) => (
          <option key={tag.key} value={tag.name} />
        ))}
      </datalist>
    </table>
  );
}

