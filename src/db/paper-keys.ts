// Which keys a stored paper is found by, and which of them names it (DESIGN.md "Paper identity").
import type { PaperId } from '../shared/paper';

/** The paper's own id first, then every alias, without repeats. */
export function keysOf(paper: { id: PaperId; aliases?: readonly PaperId[] }): PaperId[] {
  return [...new Set([paper.id, ...(paper.aliases ?? [])])];
}

// Lower is better: an arXiv id names a paper on every site, a DOI on most, a URL on one.
function rank(id: PaperId): number {
  if (id.startsWith('arxiv:')) return 0;
  if (id.startsWith('doi:')) return 1;
  if (id.startsWith('url:')) return 3;
  return 2;
}

/**
 * The canonical id for a paper known by several records: the best-ranked one, the first given on
 * a tie, so a paper saved by its DOI is re-keyed to its arXiv id once a page shows both.
 */
export function canonicalId(ids: readonly PaperId[]): PaperId {
  let best = ids[0]!;
  for (const id of ids) if (rank(id) < rank(best)) best = id;
  return best;
}
