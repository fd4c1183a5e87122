// In-memory stand-in for src/shared/browser.ts in unit tests (swapped in by vitest.config.ts).
// It models only what Shelfmark uses, with the semantics that matter to it: listeners answer by
// returning a value or a Promise (the polyfill's way, and Firefox's) or through sendResponse with
// `return true` (every browser's, the content scripts' way), a listener returning undefined lets
// another one answer, and a message with no receiver rejects as it does in the browsers.
import type { Runtime, Tabs } from 'webextension-polyfill';

export type { Runtime, Tabs };

export const FAKE_EXTENSION_ID = 'shelfmark-test-extension';
const EXTENSION_ORIGIN = `chrome-extension://${FAKE_EXTENSION_ID}/`;

type MessageListener = (message: unknown, sender: Runtime.MessageSender, sendResponse: (response: unknown) => void) => unknown;

class FakeEvent<L extends (...args: never[]) => unknown> {
  readonly listeners = new Set<L>();
  addListener = (listener: L): void => {
    this.listeners.add(listener);
  };
  removeListener = (listener: L): void => {
    this.listeners.delete(listener);
  };
  hasListener = (listener: L): boolean => this.listeners.has(listener);
  hasListeners = (): boolean => this.listeners.size > 0;
}

/** A tab as our code sees it; `id` is what `tabs.sendMessage` needs. */
export type FakeTab = Pick<Tabs.Tab, 'id'> & Partial<Tabs.Tab>;

export interface SentToTab {
  tabId: number;
  message: unknown;
}

/** Receives what `tabs.sendMessage` sends to one tab; throw to act like a tab without our content script. */
export type TabReceiver = (message: unknown) => unknown;

const state = {
  tabs: [] as FakeTab[],
  sentToTabs: [] as SentToTab[],
  tabReceivers: new Map<number, TabReceiver>(),
  sentMessages: [] as unknown[],
  defaultSender: extensionPageSender(),
  createdTabs: [] as Tabs.CreateCreatePropertiesType[],
  storage: new Map<string, unknown>(),
  /** storage.session: kept across a background restart in tests (as the browser keeps it), not across resetFakeBrowser. */
  session: new Map<string, unknown>(),
  /** storage.sync: what the browser's sync carries between devices. */
  sync: new Map<string, unknown>(),
  /** Host permissions granted (match patterns); `permissions.request` grants when `grantOnRequest`. */
  granted: new Set<string>(),
  grantOnRequest: true,
  registered: new Map<string, RegisteredScript>(),
  executed: [] as unknown[],
  /** The toolbar badge per tab, as `action.setBadgeText` left it. */
  badges: new Map<number, string>(),
};

interface RegisteredScript {
  id: string;
  matches?: string[];
  js?: string[];
  runAt?: string;
  persistAcrossSessions?: boolean;
}

const onPermissionsRemoved = new FakeEvent<(removed: { origins?: string[] }) => void>();

// Optional host permissions, as the popup asks for them and the browser's settings take them back.
const permissions = {
  async request({ origins = [] }: { origins?: string[] }): Promise<boolean> {
    if (!state.grantOnRequest) return false;
    for (const origin of origins) state.granted.add(origin);
    return true;
  },
  async contains({ origins = [] }: { origins?: string[] }): Promise<boolean> {
    return origins.every((origin) => state.granted.has(origin));
  },
  async remove({ origins = [] }: { origins?: string[] }): Promise<boolean> {
    const removed = origins.filter((origin) => state.granted.delete(origin));
    if (removed.length > 0) for (const listener of onPermissionsRemoved.listeners) listener({ origins: removed });
    return removed.length > 0;
  },
  onRemoved: onPermissionsRemoved,
};

// Registered content scripts and injections (src/shared/user-sites.ts, src/popup/page-marker.ts).
const scripting = {
  async registerContentScripts(scripts: RegisteredScript[]): Promise<void> {
    for (const script of scripts) {
      if (state.registered.has(script.id)) throw new Error(`Duplicate script ID '${script.id}'`);
      state.registered.set(script.id, structuredClone(script));
    }
  },
  async getRegisteredContentScripts(filter: { ids?: string[] } = {}): Promise<RegisteredScript[]> {
    const all = [...state.registered.values()];
    return structuredClone(filter.ids ? all.filter((script) => filter.ids!.includes(script.id)) : all);
  },
  async unregisterContentScripts(filter: { ids?: string[] } = {}): Promise<void> {
    for (const id of filter.ids ?? [...state.registered.keys()]) state.registered.delete(id);
  },
  async executeScript(injection: { target: { tabId: number }; files?: string[]; func?: () => void }): Promise<unknown[]> {
    state.executed.push({ tabId: injection.target.tabId, files: injection.files, func: injection.func?.name });
    return [];
  },
};

/** Host permissions the fake browser holds now. */
export function grantedOrigins(): string[] {
  return [...state.granted];
}

/** Whether the next `permissions.request` is granted (the user's answer to the prompt). */
export function answerPermissionPrompts(grant: boolean): void {
  state.grantOnRequest = grant;
}

/** Every `scripting.executeScript` call so far: tab, files, function name. */
export function executedScripts(): readonly unknown[] {
  return state.executed;
}

const onMessage = new FakeEvent<MessageListener>();
type StorageChanges = Record<string, { oldValue?: unknown; newValue?: unknown }>;
const onStorageChanged = new FakeEvent<(changes: StorageChanges, areaName: string) => void>();

function notifyStorage(changes: StorageChanges, area: string): void {
  if (Object.keys(changes).length === 0) return;
  for (const listener of onStorageChanged.listeners) listener(structuredClone(changes), area);
}

/** The sender an extension page (popup, options) presents. */
export function extensionPageSender(page = 'popup.html'): Runtime.MessageSender {
  return { id: FAKE_EXTENSION_ID, url: `${EXTENSION_ORIGIN}${page}` };
}

/** The sender a content script in tab `tabId` presents. */
export function contentScriptSender(tabId = 1, url = 'https://arxiv.org/list/cs.LG/new'): Runtime.MessageSender {
  return {
    id: FAKE_EXTENSION_ID,
    url,
    frameId: 0,
    tab: { id: tabId, index: 0, highlighted: false, active: true, pinned: false, incognito: false, url },
  };
}

/**
 * Delivers `message` to every `runtime.onMessage` listener as if `sender` sent it, and resolves
 * with the first answer (undefined when no listener answered), as the browsers do.
 */
export async function deliverMessage(message: unknown, sender: Runtime.MessageSender = state.defaultSender): Promise<unknown> {
  const answers: Promise<unknown>[] = [];
  for (const listener of [...onMessage.listeners]) {
    let sendResponse!: (response: unknown) => void;
    let responded = false;
    const response = new Promise<unknown>((resolve) => {
      sendResponse = (value) => {
        responded = true;
        resolve(value);
      };
    });
    const answer = listener(structuredClone(message), sender, sendResponse);
    // `true` keeps the channel open for sendResponse; so does a sendResponse call before returning.
    if (answer === true || responded) answers.push(response);
    else if (answer !== undefined && answer !== false) answers.push(Promise.resolve(answer));
  }
  if (answers.length === 0) return undefined;
  // The first listener to answer wins; structuredClone mimics the trip across contexts.
  return structuredClone(await Promise.race(answers));
}

const runtime = {
  id: FAKE_EXTENSION_ID,
  getURL: (path: string): string => `${EXTENSION_ORIGIN}${path.replace(/^\/+/u, '')}`,
  onMessage,
  async sendMessage(message: unknown): Promise<unknown> {
    state.sentMessages.push(structuredClone(message));
    if (!onMessage.hasListeners()) {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    }
    return deliverMessage(message, state.defaultSender);
  },
};

const onTabRemoved = new FakeEvent<(tabId: number) => void>();

const tabs = {
  onRemoved: onTabRemoved,
  async query(_queryInfo: Tabs.QueryQueryInfoType = {}): Promise<FakeTab[]> {
    return structuredClone(state.tabs);
  },
  async sendMessage(tabId: number, message: unknown): Promise<unknown> {
    state.sentToTabs.push({ tabId, message: structuredClone(message) });
    const receiver = state.tabReceivers.get(tabId);
    if (!receiver) throw new Error('Could not establish connection. Receiving end does not exist.');
    return receiver(structuredClone(message));
  },
  async create(properties: Tabs.CreateCreatePropertiesType): Promise<FakeTab> {
    state.createdTabs.push(structuredClone(properties));
    const id = 1000 + state.createdTabs.length;
    return { id, url: properties.url };
  },
};

/** A storage area over `store`, whose changes reach storage.onChanged as `area`'s. */
function storageArea(store: () => Map<string, unknown>, area: string) {
  return {
    async get(keys?: string | string[] | null): Promise<Record<string, unknown>> {
      const wanted = keys == null ? [...store().keys()] : Array.isArray(keys) ? keys : [keys];
      const out: Record<string, unknown> = {};
      for (const key of wanted) if (store().has(key)) out[key] = structuredClone(store().get(key));
      return out;
    },
    async set(items: Record<string, unknown>): Promise<void> {
      const changes: StorageChanges = {};
      for (const [key, value] of Object.entries(items)) {
        changes[key] = { oldValue: store().get(key), newValue: structuredClone(value) };
        store().set(key, structuredClone(value));
      }
      notifyStorage(changes, area);
    },
    async remove(keys: string | string[]): Promise<void> {
      const changes: StorageChanges = {};
      for (const key of Array.isArray(keys) ? keys : [keys]) {
        if (store().has(key)) changes[key] = { oldValue: store().get(key) };
        store().delete(key);
      }
      notifyStorage(changes, area);
    },
    async clear(): Promise<void> {
      const changes: StorageChanges = {};
      for (const [key, value] of store()) changes[key] = { oldValue: value };
      store().clear();
      notifyStorage(changes, area);
    },
  };
}

const action = {
  async setBadgeText({ tabId, text }: { tabId?: number; text: string | null }): Promise<void> {
    if (tabId !== undefined) state.badges.set(tabId, text ?? '');
  },
  async setBadgeBackgroundColor(_details: { tabId?: number; color: string }): Promise<void> {},
};

/** The toolbar badge text `action.setBadgeText` set for `tabId` ('' when cleared, undefined when never set). */
export function badgeOf(tabId: number): string | undefined {
  return state.badges.get(tabId);
}

export const browser = {
  runtime,
  tabs,
  permissions,
  scripting,
  action,
  storage: {
    local: storageArea(() => state.storage, 'local'),
    session: storageArea(() => state.session, 'session'),
    sync: storageArea(() => state.sync, 'sync'),
    onChanged: onStorageChanged,
  },
};

/** Open tabs that `tabs.query` lists; a receiver makes the tab answer `tabs.sendMessage`. */
export function setFakeTabs(tabsToList: FakeTab[], receivers: Record<number, TabReceiver> = {}): void {
  state.tabs = structuredClone(tabsToList);
  state.tabReceivers = new Map(Object.entries(receivers).map(([id, receiver]) => [Number(id), receiver]));
}

/** Closes a tab: it leaves `tabs.query`, and tabs.onRemoved fires. */
export function closeFakeTab(tabId: number): void {
  state.tabs = state.tabs.filter((tab) => tab.id !== tabId);
  for (const listener of onTabRemoved.listeners) listener(tabId);
}

/** Every `tabs.sendMessage` call so far, in order. */
export function sentToTabs(): readonly SentToTab[] {
  return state.sentToTabs;
}

/** Every `runtime.sendMessage` call so far, in order. */
export function sentMessages(): readonly unknown[] {
  return state.sentMessages;
}

/** Every `tabs.create` call so far, in order. */
export function createdTabs(): readonly Tabs.CreateCreatePropertiesType[] {
  return state.createdTabs;
}

/** The sender `runtime.sendMessage` presents (default: the popup). */
export function setDefaultSender(sender: Runtime.MessageSender): void {
  state.defaultSender = sender;
}

/** Forget listeners, tabs, recordings and storage: call in `beforeEach`. */
export function resetFakeBrowser(): void {
  onMessage.listeners.clear();
  onStorageChanged.listeners.clear();
  state.tabs = [];
  state.sentToTabs = [];
  state.tabReceivers = new Map();
  state.sentMessages = [];
  state.defaultSender = extensionPageSender();
  state.createdTabs = [];
  state.storage.clear();
  state.session.clear();
  state.sync.clear();
  state.granted.clear();
  state.grantOnRequest = true;
  state.registered.clear();
  state.executed = [];
  onPermissionsRemoved.listeners.clear();
  onTabRemoved.listeners.clear();
  state.badges.clear();
}
