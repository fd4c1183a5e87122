// WebExtension match patterns (`https://*.example.org/path*`), as the manifest and
// scripting.registerContentScripts read them: scheme, host (a leading `*.` for subdomains) and a
// path glob. Used to keep the link finder off pages a site adapter's hosts cover.

const cache = new Map<string, RegExp | null>();

function compile(pattern: string): RegExp | null {
  if (pattern === '<all_urls>') return /^(?:https?|file|ftp):\/\//;
  const match = /^(\*|https?|file|ftp):\/\/(\*|(?:\*\.)?[^/*]+)?(\/.*)$/u.exec(pattern);
  if (!match) return null;
  const [, scheme = '', host = '', path = ''] = match;
  const escape = (text: string) => text.replace(/[.+?^${}()|[\]\\]/gu, '\\$&');
  const schemePart = scheme === '*' ? 'https?' : escape(scheme);
  const hostPart = host === '*' ? '[^/]*' : host.startsWith('*.') ? `(?:[^/]*\\.)?${escape(host.slice(2))}` : escape(host);
  const pathPart = path.split('*').map(escape).join('.*');
  return new RegExp(`^${schemePart}://${hostPart}(?::\\d+)?${pathPart}$`, 'u');
}

/** Whether `url` is one the match pattern covers (the query counts as part of the path). */
export function matchesPattern(pattern: string, url: URL): boolean {
  let regex = cache.get(pattern);
  if (regex === undefined) {
    regex = compile(pattern);
    cache.set(pattern, regex);
  }
  // Match patterns ignore the port and the fragment.
  return regex !== null && regex.test(`${url.protocol}//${url.hostname}${url.pathname}${url.search}`);
}
