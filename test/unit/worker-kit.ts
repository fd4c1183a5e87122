// A dedicated worker for unit tests (happy-dom has none): the real script's code (serveBibtex with
// the real parser) runs in this thread, and messages cross as they would between threads
// (structured clone, never synchronously).
import type { ImportBatch } from '../../src/formats/import-batch';
import { parseBibtex } from '../../src/formats/bibtex-import';
import { serveBibtex, type BibtexAnswer, type BibtexJob, type WorkerLike, type WorkerScopeLike } from '../../src/popup/bibtex-in-worker';

export interface FakeBibtexWorkers {
  /** Pass as `parseBibtexInWorker`'s `startWorker`. */
  start: () => WorkerLike;
  started: number;
  terminated: number;
  /** Jobs received by the workers, in order. */
  jobs: BibtexJob[];
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

export function fakeBibtexWorkers(options: { parse?: (text: string) => ImportBatch; failToStart?: string } = {}): FakeBibtexWorkers {
  const workers: FakeBibtexWorkers = {
    started: 0,
    terminated: 0,
    jobs: [],
    start() {
      workers.started += 1;
      let ended = false;
      const scope: WorkerScopeLike = {
        onmessage: null,
        postMessage(answer: BibtexAnswer) {
          const copy = structuredClone(answer);
          void tick().then(() => {
            if (!ended) worker.onmessage?.(new MessageEvent('message', { data: copy }));
          });
        },
      };
      const worker: WorkerLike = {
        onmessage: null,
        onerror: null,
        onmessageerror: null,
        postMessage(job: BibtexJob) {
          const copy = structuredClone(job);
          void tick().then(() => {
            if (ended) return;
            if (options.failToStart !== undefined) {
              worker.onerror?.(new ErrorEvent('error', { message: options.failToStart, cancelable: true }));
              return;
            }
            workers.jobs.push(copy);
            scope.onmessage?.(new MessageEvent('message', { data: copy }));
          });
        },
        terminate() {
          ended = true;
          workers.terminated += 1;
        },
      };
      // What bibtex-worker.ts does when the worker starts.
      serveBibtex(scope, options.parse ?? parseBibtex);
      return worker;
    },
  };
  return workers;
}
