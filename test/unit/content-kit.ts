// Shared by the content-script unit tests: a tiny made-up site with its adapter, the real
// background (router and handlers over fake-indexeddb) that answers the content script's requests
// and broadcasts to every "tab", and a way to make events look like real user input (happy-dom
// has no isTrusted).
import { createMessageListener } from '../../src/background/router';
import type { SavedPaper } from '../../src/shared/records';
import type { ShelfmarkDB } from '../../src/db/schema';
import type { RequestOf, RequestType, ResponseOf, Result, StateChange } from '../../src/shared/messages';
import type { PaperId, PaperMetadata } from '../../src/shared/paper';
import { parseBroadcast } from '../../src/content/broadcast';
import { freshDb } from './db-kit';
import { Refused } from '../../src/shared/refused';
import { browser, contentScriptSender, extensionPageSender, FAKE_EXTENSION_ID } from './fake-browser';
import { readEntry } from '../../src/sites/entry';
import type { FindOptions, PaperEntry, SiteAdapter } from '../../src/sites/types';
import type { ContentTransport } from '../../src/content/controller';
import { shadowRootOf } from '../../src/content/entry-view';

export interface FakePaper {
  id: PaperId;
  title: string;
  aliases?: PaperId[];
  /** arXiv: the version the listing shows. */
  version?: number;
}

/** A listing shaped like the real ones: one `li.paper` per entry, its title line an `h3`. */
export function renderListing(doc: Document, papers: FakePaper[], container: Element = doc.body): HTMLElement {
  const list = doc.createElement('ul');
  list.className = 'listing';
  for (const paper of papers) list.append(paperItem(doc, paper));
  container.append(list);
  return list;
}

export function paperItem(doc: Document, paper: FakePaper): HTMLElement {
  const item = doc.createElement('li');
  item.className = 'paper';
  item.dataset.id = paper.id;
  if (paper.aliases) item.dataset.aliases = paper.aliases.join(' ');
  if (paper.version) item.dataset.version = String(paper.version);
  const title = doc.createElement('h3');
  title.className = 'title';
  title.textContent = paper.title;
  const abstract = doc.createElement('p');
  abstract.textContent = `An invented abstract about ${paper.title.toLowerCase()}.`;
  item.append(title, abstract);
  return item;
}

/** `reserved`: the made-up site keeps room for every host, as arXiv listings do (hosts drawn late). */
export function fakeAdapter(dynamic = false, reserved = false): SiteAdapter & { calls: number } {
  const adapter = {
    id: 'arxiv' as const,
    hosts: ['https://arxiv.org/list/*'],
    pageKinds: ['listing'],
    dynamic,
    calls: 0,
    matches: (url: URL) => url.hostname === 'arxiv.org',
    findEntries(root: ParentNode, url: URL, options?: FindOptions): PaperEntry[] {
      adapter.calls += 1;
      return [...root.querySelectorAll('li.paper')].slice(0, options?.limit).map((element) => {
        const id = element.getAttribute('data-id')!;
        const extra = element.getAttribute('data-aliases')?.split(' ') ?? [];
        const paper: PaperMetadata = {
          id,
          aliases: [id, ...extra],
          title: element.querySelector('h3')?.textContent ?? '',
          authors: ['Ada Example'],
          ...(element.hasAttribute('data-version') ? { version: Number(element.getAttribute('data-version')) } : {}),
          source: { site: 'arxiv', pageKind: 'listing', url: url.href },
        };
        const entry = readEntry(element, element.querySelector('h3')!, paper);
        return reserved ? { ...entry, hostSpaceReserved: true } : entry;
      });
    },
  };
  return adapter;
}

export interface RecordedRequest {
  type: RequestType;
  payload: unknown;
}

/**
 * The real background (router, handlers, Dexie over fake-indexeddb) behind a content script's
 * transport. Requests go through the router as a content script's would (its sender is a tab), so
 * the sender and shape checks apply; each committed write's broadcast reaches every subscribed
 * "tab" through the content script's own broadcast check. Writes "from another tab or the popup"
 * (seed, write) go through the same router as an extension page.
 */
export class TestBackground {
  readonly db: ShelfmarkDB = freshDb();
  readonly requests: RecordedRequest[] = [];
  /** Fail the next N requests before they reach the background (as when the service worker is restarting). */
  failNext = 0;
  /** Hold broadcasts instead of sending them (a tab that is asleep or lost them). */
  muted = false;
  /**
   * Extra delay, in ms, before a request type's answer reaches the tab. The background has
   * already written and broadcast by then: only the answer is late, as when the reply channel
   * is slower than the broadcast.
   */
  delays: Partial<Record<RequestType, number>> = {};
  readonly #listeners = new Set<(changes: StateChange[]) => void>();
  readonly #route = createMessageListener({
    db: () => this.db,
    runtime: browser.runtime,
    broadcast: (changes) => this.#broadcast(changes),
  });

  transport(): ContentTransport {
    return {
      request: <K extends RequestType>(type: K, payload: RequestOf<K>) => this.#contentRequest(type, payload),
      subscribe: (listener) => {
        this.#listeners.add(listener);
        return () => this.#listeners.delete(listener);
      },
    };
  }

  listenerCount(): number {
    return this.#listeners.size;
  }

  requestsOf(type: RequestType): RecordedRequest[] {
    return this.requests.filter((request) => request.type === type);
  }

  /** Saves (with `tags`) as another tab or the popup would; the change is broadcast. */
  async seed(id: PaperId, tags: string[] = [], aliases: PaperId[] = [id]): Promise<void> {
    const paper: PaperMetadata = { id, aliases, title: `Invented paper ${id}`, authors: ['Ada Example'] };
    await this.write('save', { paper });
    if (tags.length > 0) await this.write('setTags', { id, tags });
  }

  /** A request from an extension page (the popup), through the same router. */
  async write<K extends RequestType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
    return unwrap(type, await this.#route({ shelfmark: 1, type, payload }, extensionPageSender()));
  }

  /** The stored record of a paper, by any of its keys. */
  async stored(id: PaperId): Promise<SavedPaper | undefined> {
    return (await this.db.papers.get(id)) ?? this.db.papers.where('aliases').equals(id).first();
  }

  async #contentRequest<K extends RequestType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
    this.requests.push({ type, payload: structuredClone(payload) });
    // A message's trip to the background is never synchronous.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('Could not establish connection. Receiving end does not exist.');
    }
    const result = await this.#route({ shelfmark: 1, type, payload: structuredClone(payload) }, contentScriptSender());
    const delay = this.delays[type];
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    return unwrap(type, structuredClone(result));
  }

  #broadcast(changes: StateChange[]): void {
    if (this.muted) return;
    const message = { shelfmark: 1, type: 'stateChanged', changes };
    for (const listener of [...this.#listeners]) {
      const checked = parseBroadcast(structuredClone(message), { id: FAKE_EXTENSION_ID }, FAKE_EXTENSION_ID);
      if (checked) listener(checked);
    }
  }
}

/** As src/shared/messaging.ts's `request` answers a content script: a definite refusal is a `Refused`. */
function unwrap<K extends RequestType>(type: K, result: Result<unknown> | undefined): ResponseOf<K> {
  if (!result) throw new Error(`No answer to "${type}"`);
  if (!result.ok) throw result.refused ? new Refused(result.error) : new Error(result.error);
  return result.value as ResponseOf<K>;
}

/** Marks a synthetic event as real user input, which happy-dom cannot produce. */
export function trusted<E extends Event>(event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}

export function hosts(doc: Document, id?: PaperId): HTMLElement[] {
  const selector = id ? `shelfmark-entry[data-shelfmark-id="${id}"]` : 'shelfmark-entry';
  return [...doc.querySelectorAll<HTMLElement>(selector)];
}

export function rootOf(host: Element): ShadowRoot {
  const root = shadowRootOf(host);
  if (!root) throw new Error('not one of our hosts');
  return root;
}

export function saveButton(host: Element): HTMLButtonElement {
  return rootOf(host).querySelector<HTMLButtonElement>('button[data-action="save"]')!;
}

export function chipNames(host: Element): string[] {
  return [...rootOf(host).querySelectorAll('.chip')].map((chip) => chip.textContent!.replace(/ ×$/u, ''));
}

export function userClick(element: Element): void {
  element.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true, composed: true })));
}

export function userKey(target: EventTarget, key: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const event = trusted(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true, ...init }));
  target.dispatchEvent(event);
  return event;
}

/** Waits until `check` passes (it throws until then), like the e2e `waitFor`s. */
export async function eventually(check: () => void, timeoutMs = 2000): Promise<void> {
  const start = Date.now();
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() - start > timeoutMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

export function madeUpPapers(count: number, prefix = '2601'): FakePaper[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `arxiv:${prefix}.${String(10000 + i)}`,
    title: `Invented study number ${i} of lattice teapots`,
  }));
}
