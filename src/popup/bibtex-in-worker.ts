// BibTeX files are parsed in a dedicated worker (bibtex-worker.js, ./bibtex-worker.ts), never on
// the popup's or library page's main thread: a 50,000-entry file takes the parser many seconds,
// during which the page would not paint or answer. Extension pages may start workers from their
// own origin (MV3 CSP `script-src 'self'`). One worker per file, ended once it answers, so the
// parser's tables and the file's text are freed.
import type { ImportBatch } from '../formats/import-batch';
import { Refused } from '../shared/refused';

/** What the page sends the worker, and what it answers. */
export interface BibtexJob {
  text: string;
}
export type BibtexAnswer = { ok: true; batch: ImportBatch } | { ok: false; refused: boolean; error: string };

/** The part of a Worker this module uses (a test passes its own). */
export interface WorkerLike {
  postMessage(message: BibtexJob): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<BibtexAnswer>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
}

/** The worker's own global scope, as far as `serveBibtex` uses it. */
export interface WorkerScopeLike {
  onmessage: ((event: MessageEvent<BibtexJob>) => void) | null;
  postMessage(message: BibtexAnswer): void;
}

export const WORKER_SCRIPT = 'bibtex-worker.js';

/**
 * Parses `text` in a new worker. A fault of the file comes back as the parser's `Refused`, its
 * message as the parser wrote it (the caller shows it as is, with no prefix of its own); a worker
 * that cannot start or fails unexpectedly is an Error that says so once.
 */
export function parseBibtexInWorker(text: string, startWorker: () => WorkerLike = () => new Worker(WORKER_SCRIPT)): Promise<ImportBatch> {
  return new Promise<ImportBatch>((resolve, reject) => {
    let worker: WorkerLike;
    try {
      worker = startWorker();
    } catch (error) {
      reject(new Error(`The BibTeX reader did not start (${(error as Error).message}).`));
      return;
    }
    const finish = (settle: () => void) => {
      worker.onmessage = worker.onerror = worker.onmessageerror = null;
      worker.terminate();
      settle();
    };
    worker.onmessage = (event) => {
      const answer = event.data;
      finish(() => {
        if (answer.ok) resolve(answer.batch);
        else reject(answer.refused ? new Refused(answer.error) : new Error(answer.error));
      });
    };
    worker.onerror = (event) => {
      // The script did not load, or threw outside a job; the event's message says what, if anything.
      event.preventDefault();
      const detail = event.message;
      finish(() => reject(new Error(detail ? `The BibTeX reader stopped: ${detail}` : 'The BibTeX reader did not start.')));
    };
    worker.onmessageerror = () => finish(() => reject(new Error('The BibTeX reader answered something unreadable.')));
    worker.postMessage({ text });
  });
}

/** The worker's side: answers each job with the parsed batch, or with why the file was refused. */
export function serveBibtex(scope: WorkerScopeLike, parse: (text: string) => ImportBatch): void {
  scope.onmessage = (event) => {
    let answer: BibtexAnswer;
    try {
      answer = { ok: true, batch: parse(event.data.text) };
    } catch (error) {
      const refused = error instanceof Refused;
      const message = error instanceof Error ? error.message : String(error);
      answer = { ok: false, refused, error: refused ? message : `The BibTeX reader failed: ${message}` };
    }
    scope.postMessage(answer);
  };
}

