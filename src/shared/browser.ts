// The one door to the WebExtension APIs. Tests swap this module (vitest alias) for a fake.
import browser from 'webextension-polyfill';

export { browser };
export type { Runtime, Tabs } from 'webextension-polyfill';
