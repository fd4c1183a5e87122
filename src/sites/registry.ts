// Every site adapter, in one list. The content script picks the first whose `matches` accepts
// the page; a test checks the manifest's content_scripts.matches against `matchPatterns`.
import { arxiv } from './arxiv';
import { huggingface } from './huggingface';
import type { SiteAdapter } from './types';

export const ADAPTERS: readonly SiteAdapter[] = [arxiv, huggingface];

export function adapterFor(url: URL): SiteAdapter | undefined {
  return ADAPTERS.find((adapter) => adapter.matches(url));
}
