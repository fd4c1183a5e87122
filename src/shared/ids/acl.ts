// ACL Anthology: new ids `2023.acl-long.1`, old ids `P19-1001`; key `acl:<anthology id>`.
// Papers are `aclanthology.org/<id>/` with the PDF at `<id>.pdf` (older links: aclweb.org/anthology/<id>).
// Many carry the DOI `10.18653/v1/<id>` (aclDoi), but not all: whether one applies is the page's word.
import type { IdScheme } from './scheme';
import { bareHost, parseUrl, type UrlParts } from './url';

const ID = /^(?:\d{4}\.[a-z0-9-]+\.\d+|[A-Z]\d{2}-\d{4})$/u;
const PAPER_PATH = /^\/(?:anthology\/)?([A-Za-z0-9.-]+?)(?:\.pdf)?\/?$/u;
const ACL_DOI = /^10\.18653\/v1\/(.+)$/iu;

function fromUrl(url: UrlParts): string | null {
  const host = bareHost(url);
  // aclweb.org served the anthology under /anthology/ before aclanthology.org.
  if (host === 'aclweb.org' && !url.pathname.startsWith('/anthology/')) return null;
  const match = PAPER_PATH.exec(url.pathname);
  const id = match?.[1] ?? '';
  return ID.test(id) ? id : null;
}

/** ACL Anthology id (`2023.acl-long.1`, `P19-1001`) from an aclanthology.org URL, or null. */
export function parseAclId(input: string): string | null {
  const url = parseUrl(input);
  return url && acl.hosts.includes(bareHost(url)) ? fromUrl(url) : null;
}

/** The anthology id an ACL DOI (`10.18653/v1/<id>`, lower-cased by parseDoi) names, or null. */
export function aclIdFromDoi(doi: string): string | null {
  const raw = ACL_DOI.exec(doi)?.[1];
  if (!raw) return null;
  // parseDoi lower-cases; old ids are upper-case letters (`P19-1001`).
  const id = /^[a-z]\d{2}-\d{4}$/u.test(raw) ? raw.toUpperCase() : raw;
  return ID.test(id) ? id : null;
}

/** The DOI the ACL gives an anthology paper, for pages that say one applies. */
export function aclDoi(id: string): string {
  return `10.18653/v1/${id.toLowerCase()}`;
}

export const acl: IdScheme<string> = {
  hosts: ['aclanthology.org', 'aclweb.org'],
  fromUrl,
  key: (id) => `acl:${id}`,
  absUrl: (id) => `https://aclanthology.org/${id}/`,
  pdfUrl: (id) => `https://aclanthology.org/${id}.pdf`,
};
