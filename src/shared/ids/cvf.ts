// CVF open access (CVPR, ICCV, WACV and their workshops): a paper is
// `openaccess.thecvf.com/<proceedings>/html/<stem>.html` with its PDF at
// `<proceedings>/papers/<stem>.pdf`, where <proceedings> is `content_CVPR_2019`,
// `content/CVPR2023`, `content/CVPR2023W/<workshop>`, … and <stem> ends in `_paper`.
// Key `cvf:<proceedings>/<stem>`: the same for the abstract page and the PDF.
import type { IdScheme } from './scheme';
import { bareHost, decodedPath, parseUrl, type UrlParts } from './url';

const PAPER_PATH = /^\/((?:content_[A-Za-z0-9_]+|content\/[A-Za-z0-9_]+)(?:\/[A-Za-z0-9_-]+)?)\/(?:html|papers)\/(?:[A-Za-z0-9_-]+\/)?([^/]+_paper)\.(?:html|pdf)$/u;

function fromUrl(url: UrlParts): string | null {
  const path = decodedPath(url);
  const match = path ? PAPER_PATH.exec(path) : null;
  return match ? `${match[1]}/${match[2]}` : null;
}

function split(id: string): [proceedings: string, stem: string] {
  const cut = id.lastIndexOf('/');
  return [id.slice(0, cut), id.slice(cut + 1)];
}

export const cvf: IdScheme<string> = {
  hosts: ['openaccess.thecvf.com'],
  paths: ['/content_', '/content/'],
  fromUrl,
  key: (id) => `cvf:${id}`,
  absUrl: (id) => {
    const [proceedings, stem] = split(id);
    return `https://openaccess.thecvf.com/${proceedings}/html/${encodeURI(stem)}.html`;
  },
  pdfUrl: (id) => {
    const [proceedings, stem] = split(id);
    return `https://openaccess.thecvf.com/${proceedings}/papers/${encodeURI(stem)}.pdf`;
  },
};

/** An id from whatever a page or user hands over (URL, prefixed or bare id), or null. Never throws. */
export function parseCvfId(input: string): string | null {
  const url = parseUrl(input);
  if (url) return cvf.hosts.includes(bareHost(url)) ? fromUrl(url) : null;
  const bare = typeof input === 'string' ? input.trim().replace(/^cvf:/u, '') : '';
  return /^content[_/][^\s]+\/[^/\s]+_paper$/u.test(bare) ? bare : null;
}
