// PubMed Central: `PMC<n>`, at `pmc.ncbi.nlm.nih.gov/articles/PMC<n>/` (older
// `ncbi.nlm.nih.gov/pmc/articles/PMC<n>/`, Europe PMC `europepmc.org/article/PMC/PMC<n>`), PDF
// under `…/pdf/`; key `pmcid:PMC<n>`.
import type { IdScheme } from './scheme';
import { bareHost, parseUrl, type UrlParts } from './url';

const PMCID = /^PMC([1-9]\d{0,9})$/iu;

function normal(text: string): string | null {
  const match = PMCID.exec(text);
  return match ? `PMC${match[1]}` : null;
}

function fromUrl(url: UrlParts): string | null {
  const host = bareHost(url);
  const path = url.pathname;
  const match =
    host === 'pmc.ncbi.nlm.nih.gov'
      ? /^\/articles\/(PMC\d+)(?:\/|$)/iu.exec(path)
      : host === 'ncbi.nlm.nih.gov'
        ? /^\/pmc\/articles\/(PMC\d+)(?:\/|$)/iu.exec(path)
        : host === 'europepmc.org'
          ? /^\/(?:article|abstract)\/PMC\/(PMC\d+)\/?$/iu.exec(path)
          : null;
  return match?.[1] ? normal(match[1]) : null;
}

/** An id from whatever a page or user hands over (URL, prefixed or bare id), or null. Never throws. */
export function parsePmcid(input: string): string | null {
  if (typeof input !== 'string') return null;
  const text = input.trim().replace(/^pmcid:\s*/iu, '');
  const bare = normal(text);
  if (bare) return bare;
  const url = parseUrl(input);
  return url ? fromUrl(url) : null;
}

export const pmc: IdScheme<string> = {
  hosts: ['pmc.ncbi.nlm.nih.gov', 'ncbi.nlm.nih.gov', 'europepmc.org'],
  fromUrl,
  key: (id) => `pmcid:${id}`,
  absUrl: (id) => `https://pmc.ncbi.nlm.nih.gov/articles/${id}/`,
  pdfUrl: (id) => `https://pmc.ncbi.nlm.nih.gov/articles/${id}/pdf/`,
};
