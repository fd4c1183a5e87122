// The fixture expected-output format: what an adapter found, as JSON. Elements are named by tag
// and classes (or id) so a wrong anchor or entry element shows up as a diff.
import type { PaperMetadata } from '../../src/shared/paper';
import type { PaperEntry } from '../../src/sites/types';

export interface SerializedEntry {
  element: string;
  anchor: string;
  paper: PaperMetadata;
}

export function describeElement(element: Element): string {
  const tag = element.tagName.toLowerCase();
  if (element.id) return `${tag}#${element.id}`;
  const classes = [...element.classList].sort();
  return classes.length ? `${tag}.${classes.join('.')}` : tag;
}

export function serializeEntries(entries: readonly PaperEntry[]): SerializedEntry[] {
  // A JSON round trip drops undefined fields, as the expected files have none.
  return entries.map((entry) => ({
    element: describeElement(entry.element),
    anchor: describeElement(entry.anchor),
    paper: JSON.parse(JSON.stringify(entry.paper)) as PaperMetadata,
  }));
}
