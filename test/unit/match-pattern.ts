// WebExtension match patterns (`https://host/path*`, `https://*.host/*`) as RegExps over full
// URLs: how the convention tests decide which content script the browser injects at a URL.

export function matchPatternRegExp(pattern: string): RegExp {
  const match = /^(https?|\*):\/\/([^/]+)(\/.*)$/u.exec(pattern);
  if (!match) throw new Error(`unsupported match pattern ${pattern}`);
  const [, scheme = '', host = '', pathPart = ''] = match;
  const escape = (text: string) => text.replace(/[.+?^${}()|[\]\\]/gu, '\\$&');
  const schemeRe = scheme === '*' ? 'https?' : scheme;
  const hostRe = host === '*' ? '[^/]+' : host.startsWith('*.') ? `(?:[^/]+\\.)?${escape(host.slice(2))}` : escape(host);
  const pathRe = pathPart.split('*').map(escape).join('.*');
  return new RegExp(`^${schemeRe}://${hostRe}${pathRe}$`, 'u');
}

export function matchesAny(patterns: readonly string[] | undefined, url: string): boolean {
  return (patterns ?? []).some((pattern) => matchPatternRegExp(pattern).test(url));
}
