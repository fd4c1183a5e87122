// URL reading shared by the id schemes: inputs come from hostile pages and imported files, so
// every reader answers null rather than throwing, and refuses inputs no real id needs.

export const MAX_INPUT = 2_000;

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

/** The hostname in lower case without a leading `www.`: the form the schemes' `hosts` use. */
export function bareHost(url: URL): string {
  const host = url.hostname.toLowerCase();
  return host.startsWith('www.') ? host.slice(4) : host;
}

/** The decoded path, or null when its percent-encoding is broken. */
export function decodedPath(url: URL): string | null {
  try {
    return decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
}
