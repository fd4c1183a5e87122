// PMLR (Proceedings of Machine Learning Research): `proceedings.mlr.press/v<volume>/<key>.html`,
// PDF `/v<volume>/<key>/<key>.pdf`; key `pmlr:v<volume>/<key>` (the citation key is unique within
// a volume). Older volumes were at `proceedings.mlr.press/v<volume>/<key>.html` too, and some
// links still use `jmlr.org/proceedings/papers/v<volume>/<key>.html`.
import type { IdScheme } from './scheme';
import { bareHost, parseUrl, type UrlParts } from './url';

const PAPER_PATH = /^\/(?:proceedings\/papers\/)?(v\d{1,4})\/([A-Za-z0-9_-]+?)(?:\.html|\.pdf|\/\2\.pdf)\/?$/u;

function fromUrl(url: UrlParts): string | null {
  const host = bareHost(url);
  if (host === 'jmlr.org' && !url.pathname.startsWith('/proceedings/papers/')) return null;
  const match = PAPER_PATH.exec(url.pathname);
  if (!match) return null;
  return `${match[1]}/${match[2]}`;
}

export const pmlr: IdScheme<string> = {
  hosts: ['proceedings.mlr.press', 'jmlr.org'],
  paths: ['/v', '/proceedings/papers/'],
  fromUrl,
  key: (id) => `pmlr:${id}`,
  absUrl: (id) => `https://proceedings.mlr.press/${id}.html`,
  pdfUrl: (id) => {
    const name = id.slice(id.indexOf('/') + 1);
    return `https://proceedings.mlr.press/${id}/${name}.pdf`;
  },
};

/** An id from whatever a page or user hands over (URL, prefixed or bare id), or null. Never throws. */
export function parsePmlrId(input: string): string | null {
  const url = parseUrl(input);
  if (url) return pmlr.hosts.includes(bareHost(url)) ? fromUrl(url) : null;
  const bare = typeof input === 'string' ? input.trim().replace(/^pmlr:/u, '') : '';
  return /^v\d{1,4}\/[A-Za-z0-9_-]+$/u.test(bare) ? bare : null;
}
