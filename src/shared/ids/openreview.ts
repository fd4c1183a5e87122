// OpenReview: a paper is a forum, `openreview.net/forum?id=<id>`; its PDF is `/pdf?id=<id>`.
// Key `openreview:<forum id>` (ids are case-sensitive).
import type { IdScheme } from './scheme';
import { bareHost, parseUrl, type UrlParts } from './url';

const ID = /^[A-Za-z0-9_-]{5,40}$/u;

function fromUrl(url: UrlParts): string | null {
  if (!/^\/(?:forum|pdf)\/?$/u.test(url.pathname)) return null;
  const id = url.searchParams.get('id') ?? '';
  return ID.test(id) ? id : null;
}

/** OpenReview forum id from an openreview.net URL (`/forum?id=…`, `/pdf?id=…`), or null. */
export function parseOpenReviewId(input: string): string | null {
  const url = parseUrl(input);
  return url && bareHost(url) === 'openreview.net' ? fromUrl(url) : null;
}

export const openreview: IdScheme<string> = {
  hosts: ['openreview.net'],
  paths: ['/forum', '/pdf'],
  fromUrl,
  key: (id) => `openreview:${id}`,
  absUrl: (id) => `https://openreview.net/forum?id=${id}`,
  pdfUrl: (id) => `https://openreview.net/pdf?id=${id}`,
};
