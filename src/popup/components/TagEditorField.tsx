// The shared framework-free tag editor (src/ui/tag-editor.ts), mounted by Preact.
import { useEffect, useRef } from 'preact/hooks';
import type { TagSuggestion } from '../../shared/messages';
import { parseTagName } from '../../shared/tags';
import { createTagEditor, type TagEditor } from '../../ui/tag-editor';

export interface TagEditorFieldProps {
  tags: readonly string[];
  getSuggestions: (prefix: string, exclude: readonly string[]) => Promise<readonly TagSuggestion[]>;
  onAdd: (name: string) => Promise<unknown>;
  onRemoveLast: () => void;
  onClose: () => void;
  autoFocus: boolean;
}

export function TagEditorField(props: TagEditorFieldProps) {
  const host = useRef<HTMLDivElement>(null);
  // The editor lives as long as the field; it reads the latest props through this ref.
  const latest = useRef(props);
  latest.current = props;
  const editor = useRef<TagEditor | null>(null);

  useEffect(() => {
    const created = createTagEditor({
      getSuggestions: (prefix, exclude) => latest.current.getSuggestions(prefix, exclude),
      onAdd: (name) => latest.current.onAdd(name),
      onRemoveLast: () => latest.current.onRemoveLast(),
      onClose: () => latest.current.onClose(),
      validate: (name) => {
        const parsed = parseTagName(name);
        return parsed.ok ? null : parsed.error;
      },
      currentTags: () => latest.current.tags,
      label: 'Add a tag',
      ownerDocument: host.current!.ownerDocument,
    });
    host.current!.append(created.element);
    editor.current = created;
    if (latest.current.autoFocus) created.focus();
    return () => {
      created.destroy();
      editor.current = null;
    };
  }, []);

  return <div class="tag-editor-host" ref={host} />;
}
