// URL reading shared by the id schemes: inputs come from hostile pages and imported files, so
// every reader answers null rather than throwing, and refuses inputs no real id needs.

export const MAX_INPUT = 2_000;

/**
 * What the schemes read of a URL: a `URL`, or the same parts cut out of a plain href by
 * parseHref without building one (a page may hold 10,000 links).
 */
export type UrlParts = Pick<URL, 'href' | 'hostname' | 'pathname' | 'searchParams'>;

// Hosts whose URLs people paste without a scheme. Only these: `math.GT/0309136` must stay an id.
const SCHEMELESS_HOST =
  /^(?:(?:www\.|export\.)?arxiv\.org|(?:www\.)?huggingface\.co|hf\.co|(?:www\.)?alphaxiv\.org|(?:dx\.)?doi\.org|(?:www\.)?openreview\.net|(?:www\.)?aclanthology\.org|(?:www\.)?semanticscholar\.org|pubmed\.ncbi\.nlm\.nih\.gov|pmc\.ncbi\.nlm\.nih\.gov|(?:www\.)?(?:bio|med)rxiv\.org|proceedings\.mlr\.press|proceedings\.neurips\.cc|openaccess\.thecvf\.com)\//iu;

/** Parses `text` as an absolute http(s) URL; scheme-less URLs of the sites above are accepted too. */
export function parseUrl(text: string): URL | null {
  if (typeof text !== 'string' || text.length > MAX_INPUT) return null;
  const trimmed = text.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//iu.test(trimmed)
    ? trimmed
    : SCHEMELESS_HOST.test(trimmed)
      ? `https://${trimmed}`
      : null;
  if (!withScheme) return null;
  try {
    const url = new URL(withScheme);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

// A plain href: http(s) or protocol-relative with an ASCII host (its last label begins with a
// letter: no IPv4 forms) and no port or user, or root-relative; path and query only of characters the URL parser keeps as they are (no
// whitespace, quotes, brackets, backslashes or non-ASCII). No `u` flag: ASCII, and faster.
const PLAIN_HREF = /^(?:(https?:)?\/\/((?:[A-Za-z0-9-]+\.)*[A-Za-z][A-Za-z0-9-]*\.?)(?=[/?#]|$))?(\/(?!\/)[A-Za-z0-9\-._~!$&()*+,;=:@%/]*)?(?:\?([A-Za-z0-9\-._~!$&()*+,;=:@%/?]*))?(?:#.*)?$/;
// Dot segments (also percent-encoded) are resolved by the URL parser: such paths go through it.
const DOT_SEGMENT = /\/\.\.?(?:\/|$)|%2e/i;

class HrefParts implements UrlParts {
  readonly href: string;
  readonly hostname: string;
  readonly pathname: string;
  readonly #query: string;
  #params: URLSearchParams | undefined;

  constructor(protocol: string, hostname: string, pathname: string, query: string) {
    this.hostname = hostname;
    this.pathname = pathname;
    this.#query = query;
    this.href = `${protocol}//${hostname}${pathname}${query ? `?${query}` : ''}`;
  }

  get searchParams(): URLSearchParams {
    // The constructor drops one leading `?`: the query's own first `?` must survive it.
    return (this.#params ??= new URLSearchParams(`?${this.#query}`));
  }
}

/**
 * An href as a page writes it, resolved against the page's URL: the parts of a plain absolute,
 * protocol-relative or root-relative href are cut out as they are (what `new URL` would give),
 * any other href goes through `new URL`. Null for what is no http(s) URL. Never throws.
 */
export function parseHref(href: string, base: URL): UrlParts | null {
  if (typeof href !== 'string' || href.length > MAX_INPUT) return null;
  const plain = PLAIN_HREF.exec(href);
  if (plain) {
    const [, protocol, host, path, query] = plain;
    // Neither a host nor a path (`?page=2`, `#top`, ''): relative to the page's own path.
    if ((host !== undefined || path !== undefined) && !(path && DOT_SEGMENT.test(path))) {
      if (host === undefined) return new HrefParts(base.protocol, base.hostname, path!, query ?? '');
      return new HrefParts(protocol ?? base.protocol, host.toLowerCase(), path ?? '/', query ?? '');
    }
  }
  try {
    const url = new URL(href, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** The hostname in lower case without a leading `www.`: the form the schemes' `hosts` use. */
export function bareHost(url: UrlParts): string {
  const host = url.hostname.toLowerCase();
  return host.startsWith('www.') ? host.slice(4) : host;
}

/** The decoded path, or null when its percent-encoding is broken. */
export function decodedPath(url: UrlParts): string | null {
  // Most paths hold no escapes: nothing to decode (a page may hold 10,000 links).
  if (!url.pathname.includes('%')) return url.pathname;
  try {
    return decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
}
