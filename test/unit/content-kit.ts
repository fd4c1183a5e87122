// Shared by the content-script unit tests: a tiny made-up site with its adapter, an in-memory
// background that answers the content script's requests and broadcasts to every "tab", and a way
// to make events look like real user input (happy-dom has no isTrusted).
import type { RequestOf, RequestType, ResponseOf, StateChange, TagSuggestion } from '../../src/shared/messages';
import type { PaperId, PaperMetadata, PaperState, TagInfo } from '../../src/shared/paper';
import { cleanTagName, defaultTagColor, tagKey } from '../../src/shared/tags';
import { readEntry } from '../../src/sites/entry';
import type { FindOptions, PaperEntry, SiteAdapter } from '../../src/sites/types';
import type { ContentTransport } from '../../src/content/controller';
import { shadowRootOf } from '../../src/content/entry-view';

export interface FakePaper {
  id: PaperId;
  title: string;
  aliases?: PaperId[];
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
          source: { site: 'arxiv', pageKind: 'listing', url: url.href },
        };
        const entry = readEntry(element, element.querySelector('h3')!, paper);
        return reserved ? { ...entry, hostSpaceReserved: true } : entry;
      });
    },
  };
  return adapter;
}

interface StoredPaper {
  paper: { id: PaperId; aliases: PaperId[] };
  tags: string[];
}

export interface RecordedRequest {
  type: RequestType;
  payload: unknown;
}

/**
 * The background, in memory: stores papers and tags, answers requests, and after each write
 * broadcasts the change to every subscribed tab (as the real one does after its transaction).
 */
export class FakeBackground {
  readonly papers = new Map<PaperId, StoredPaper>();
  readonly requests: RecordedRequest[] = [];
  readonly tagColors = new Map<string, string>();
  /** Fail the next N requests (as when the service worker is restarting). */
  failNext = 0;
  /** Hold broadcasts instead of sending them (a tab that is asleep or lost them). */
  muted = false;
  /** Extra delay before answering a request type, in ms. */
  delays: Partial<Record<RequestType, number>> = {};
  readonly #listeners = new Set<(changes: StateChange[]) => void>();

  transport(): ContentTransport {
    return {
      request: <K extends RequestType>(type: K, payload: RequestOf<K>) => this.handle(type, payload),
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

  /** Saves directly, as another tab or the popup would, and broadcasts. */
  seed(id: PaperId, tags: string[] = [], aliases: PaperId[] = [id]): void {
    this.papers.set(id, { paper: { id, aliases }, tags });
    this.broadcast(id);
  }

  stateOf(id: PaperId): PaperState {
    const stored = this.#find(id);
    if (!stored) return { id, saved: false, tags: [], status: 'unread' };
    return { id: stored.paper.id, saved: true, tags: stored.tags.map((name) => this.#tag(name)), status: 'unread' };
  }

  broadcast(id: PaperId): void {
    const stored = this.#find(id);
    const keys = stored ? [...new Set([stored.paper.id, ...stored.paper.aliases])] : [id];
    this.send([{ keys, state: this.stateOf(id) }]);
  }

  send(changes: StateChange[]): void {
    if (this.muted) return;
    for (const listener of [...this.#listeners]) listener(structuredClone(changes));
  }

  async handle<K extends RequestType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
    this.requests.push({ type, payload: structuredClone(payload) });
    const delay = this.delays[type];
    await new Promise((resolve) => setTimeout(resolve, delay ?? 0));
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('Could not establish connection. Receiving end does not exist.');
    }
    return structuredClone(this.#answer(type, payload)) as ResponseOf<K>;
  }

  #answer(type: RequestType, payload: unknown): unknown {
    switch (type) {
      case 'getStates': {
        const { papers } = payload as RequestOf<'getStates'>;
        const states: Record<PaperId, PaperState> = {};
        for (const paper of papers) if (this.#find(paper.id, paper.aliases)) states[paper.id] = this.stateOf(this.#find(paper.id, paper.aliases)!.paper.id);
        return { states };
      }
      case 'save': {
        const { paper } = payload as RequestOf<'save'>;
        if (!this.#find(paper.id)) this.papers.set(paper.id, { paper: { id: paper.id, aliases: paper.aliases }, tags: [] });
        this.broadcast(paper.id);
        return this.stateOf(paper.id);
      }
      case 'unsave': {
        const { id } = payload as RequestOf<'unsave'>;
        const stored = this.#find(id);
        if (stored) this.papers.delete(stored.paper.id);
        const keys = stored ? stored.paper.aliases : [id];
        const state: PaperState = { id, saved: false, tags: [], status: 'unread' };
        this.send([{ keys, state }]);
        return { removed: null, state };
      }
      case 'addTag': {
        const { id, tag, paper } = payload as RequestOf<'addTag'>;
        let stored = this.#find(id);
        if (!stored && paper) {
          stored = { paper: { id: paper.id, aliases: paper.aliases }, tags: [] };
          this.papers.set(paper.id, stored);
        }
        if (!stored) throw new Error('Not saved');
        if (!stored.tags.some((name) => tagKey(name) === tagKey(tag))) stored.tags.push(cleanTagName(tag));
        this.broadcast(stored.paper.id);
        return this.stateOf(stored.paper.id);
      }
      case 'removeTag': {
        const { id, tag } = payload as RequestOf<'removeTag'>;
        const stored = this.#find(id);
        if (stored) stored.tags = stored.tags.filter((name) => tagKey(name) !== tagKey(tag));
        this.broadcast(id);
        return this.stateOf(id);
      }
      case 'suggestTags': {
        const { prefix, exclude = [] } = payload as RequestOf<'suggestTags'>;
        const counts = new Map<string, TagSuggestion>();
        for (const stored of this.papers.values()) {
          for (const name of stored.tags) {
            const key = tagKey(name);
            const found = counts.get(key) ?? { ...this.#tag(name), count: 0 };
            found.count += 1;
            counts.set(key, found);
          }
        }
        const excluded = new Set(exclude.map(tagKey));
        const tags = [...counts.entries()]
          .filter(([key]) => key.startsWith(tagKey(prefix)) && !excluded.has(key))
          .map(([, suggestion]) => suggestion);
        return { tags };
      }
      default:
        throw new Error(`FakeBackground does not handle ${type}`);
    }
  }

  #find(id: PaperId, aliases: PaperId[] = []): StoredPaper | undefined {
    const direct = this.papers.get(id);
    if (direct) return direct;
    const keys = new Set([id, ...aliases]);
    for (const stored of this.papers.values()) if (stored.paper.aliases.some((alias) => keys.has(alias))) return stored;
    return undefined;
  }

  #tag(name: string): TagInfo {
    return { name, color: this.tagColors.get(tagKey(name)) ?? defaultTagColor(tagKey(name)) };
  }
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
