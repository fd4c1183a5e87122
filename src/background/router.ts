// The background's one message listener: tells our requests from anything else, checks who sent
// them and what they carry, runs the handler and answers a Result. It never throws.
import * as v from 'valibot';
import type { Runtime } from '../shared/browser';
import {
  describeIssues,
  RequestEnvelopeSchema,
  RequestSchemas,
  type RequestType,
  type Result,
  type StateChange,
} from '../shared/messages';
import { isStorageFull, Refused, STORAGE_FULL } from '../shared/refused';
import type { ShelfmarkDB } from '../db/schema';
import { givenWayTo } from './give-way';
import { ACCESS, handlers, type HandlerContext } from './handlers';

export interface RouterDeps {
  /** Opened lazily on each request: the service worker may have been restarted since the last. */
  db: () => ShelfmarkDB;
  runtime: { id: string; getURL: (path: string) => string };
  broadcast: (changes: StateChange[]) => unknown;
}

export type MessageListener = (message: unknown, sender: Runtime.MessageSender) => Promise<Result<unknown>> | undefined;

function isOurs(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { shelfmark?: unknown }).shelfmark === 1;
}

function senderProblem(type: RequestType, sender: Runtime.MessageSender, runtime: RouterDeps['runtime']): string | null {
  if (sender.id !== runtime.id) return 'Shelfmark answers only its own extension.';
  if (sender.url?.startsWith(runtime.getURL(''))) return null;
  if (!sender.tab) return 'Shelfmark requests must come from a tab or an extension page.';
  if (ACCESS[type] !== 'page') return `"${type}" cannot be requested from a web page.`;
  return null;
}

function isRequestType(type: string): type is RequestType {
  return Object.hasOwn(RequestSchemas, type);
}

/** A definite refusal: nothing changed, and the same request would be refused again. */
function refusal(error: string): Result<never> {
  return { ok: false, error, refused: true };
}

async function route(message: unknown, sender: Runtime.MessageSender, deps: RouterDeps): Promise<Result<unknown>> {
  const envelope = v.safeParse(RequestEnvelopeSchema, message);
  if (!envelope.success) return refusal(`Malformed Shelfmark request: ${describeIssues(envelope.issues)}`);
  if (!isRequestType(envelope.output.type)) return refusal(`Malformed Shelfmark request: type: unknown "${envelope.output.type.slice(0, 40)}"`);
  const { type } = envelope.output;
  try {
    const problem = senderProblem(type, sender, deps.runtime);
    if (problem) return refusal(problem);
    const payload = v.safeParse(RequestSchemas[type], envelope.output.payload);
    if (!payload.success) return refusal(`Invalid "${type}" request: ${describeIssues(payload.issues)}`);

    const changes: StateChange[] = [];
    const ctx: HandlerContext = {
      db: deps.db(),
      sender,
      extensionBase: deps.runtime.getURL(''),
      publish: (outcome) => {
        changes.push(...outcome.changes);
        return outcome.value;
      },
    };
    // The map is typed per request; `type` and `payload` were checked together just above.
    const handler = handlers[type] as (payload: unknown, ctx: HandlerContext) => Promise<unknown>;
    const value = await handler(payload.output, ctx);
    if (changes.length > 0) deps.broadcast(changes);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof Refused) return refusal(error.message);
    // The transaction was aborted, so nothing was half-written; asking again cannot succeed.
    if (isStorageFull(error)) return refusal(STORAGE_FULL);
    console.error(`Shelfmark: "${type}" failed`, error);
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, error: `Shelfmark could not complete "${type}": ${detail}` };
  }
}

/**
 * Foreign messages get `undefined` synchronously, so another listener may answer them; ours get a
 * native Promise (Chromium 156 answers `undefined` for a Dexie thenable, browser-testing.md G6).
 * Training gives way to each of ours until it is answered (give-way.ts).
 */
export function createMessageListener(deps: RouterDeps): MessageListener {
  return (message, sender) => (isOurs(message) ? givenWayTo(route(message, sender, deps)) : undefined);
}
