// PubMed: PMIDs are plain numbers, `pubmed.ncbi.nlm.nih.gov/<pmid>/` (older
// `ncbi.nlm.nih.gov/pubmed/<pmid>`, Europe PMC `europepmc.org/article/MED/<pmid>`); key `pmid:<n>`.
// A bare number is accepted only from `parse`, where the caller knows it is a PMID.
import type { IdScheme } from './scheme';
import { bareHost, parseUrl, type UrlParts } from './url';

const PMID = /^[1-9]\d{0,8}$/u;

function fromUrl(url: UrlParts): string | null {
  const host = bareHost(url);
  const path = url.pathname;
  const match =
    host === 'pubmed.ncbi.nlm.nih.gov'
      ? /^\/(\d+)\/?$/u.exec(path)
      : host === 'ncbi.nlm.nih.gov'
        ? /^\/pubmed\/(\d+)\/?$/u.exec(path)
        : host === 'europepmc.org'
          ? /^\/(?:article|abstract)\/MED\/(\d+)\/?$/iu.exec(path)
          : null;
  const id = match?.[1] ?? '';
  return PMID.test(id) ? id : null;
}

/** An id from whatever a page or user hands over (URL, prefixed or bare id), or null. Never throws. */
export function parsePmid(input: string): string | null {
  if (typeof input !== 'string') return null;
  const text = input.trim().replace(/^pmid:\s*/iu, '');
  if (PMID.test(text)) return text;
  const url = parseUrl(input);
  return url ? fromUrl(url) : null;
}

export const pubmed: IdScheme<string> = {
  hosts: ['pubmed.ncbi.nlm.nih.gov', 'ncbi.nlm.nih.gov', 'europepmc.org'],
  fromUrl,
  key: (id) => `pmid:${id}`,
  absUrl: (id) => `https://pubmed.ncbi.nlm.nih.gov/${id}/`,
  pdfUrl: () => undefined,
};
