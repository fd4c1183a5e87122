// Loads popup-bibtex.js (./bibtex-entry.ts) on demand. Extension pages may run their own
// scripts (MV3 CSP `script-src 'self'`), and the global it sets is on the popup's window only.
import type { BibtexParser } from '../formats/import-file';

declare global {
  var shelfmarkBibtex: { parseBibtex: BibtexParser } | undefined;
}

let loading: Promise<BibtexParser> | undefined;

export function loadBibtexParser(doc: Document = document): Promise<BibtexParser> {
  loading ??= new Promise<BibtexParser>((resolve, reject) => {
    const script = doc.createElement('script');
    script.src = 'popup-bibtex.js';
    script.onload = () => {
      const api = globalThis.shelfmarkBibtex;
      if (api) resolve(api.parseBibtex);
      else reject(new Error('The BibTeX reader did not start.'));
    };
    script.onerror = () => {
      // Let a later import try again.
      loading = undefined;
      reject(new Error('Could not load the BibTeX reader.'));
    };
    doc.head.append(script);
  });
  return loading;
}
