// Every site adapter, in one list: site adapters first, then the generic finders. Each content
// script holds one site's adapter (or the generic ones) and picks the first whose `matches`
// accepts the page; build.mjs writes the manifest's content_scripts from this list
// (content-scripts.ts) and test/unit/conventions.test.ts keeps adapters, fixtures and manifest in step.
import { acl } from './acl';
import { arxiv } from './arxiv';
import { cvf } from './cvf';
import { dblp } from './dblp';
import { huggingface } from './huggingface';
import { paperPage } from './paper-page';
import { scholar } from './scholar';
import type { SiteAdapter } from './types';

export const ADAPTERS: readonly SiteAdapter[] = [arxiv, huggingface, scholar, dblp, acl, cvf, paperPage];

export function adapterFor(url: URL): SiteAdapter | undefined {
  return ADAPTERS.find((adapter) => adapter.matches(url));
}
