// The BibTeX worker's script (bibtex-worker.js, a build entry of its own): the parser and its
// LaTeX tables live here only, off the page's main thread (./bibtex-in-worker.ts starts it).
import { parseBibtex } from '../formats/bibtex-import';
import { serveBibtex, type WorkerScopeLike } from './bibtex-in-worker';

serveBibtex(self as unknown as WorkerScopeLike, parseBibtex);
