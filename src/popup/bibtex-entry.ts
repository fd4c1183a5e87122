// A separate bundle (popup-bibtex.js), loaded by ./bibtex-loader.ts the first time a BibTeX file
// is imported, so the popup's first render does not parse the BibTeX parser.
import { parseBibtex } from '../formats/bibtex-import';

globalThis.shelfmarkBibtex = { parseBibtex };
