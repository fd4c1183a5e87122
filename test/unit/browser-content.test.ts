// The browser door content scripts get (build.mjs bundles it in place of src/shared/browser.ts):
// the browser's own API, `browser` where it is the extension API, else Chromium's `chrome`.
import { afterEach, describe, expect, it, vi } from 'vitest';

const api = (id: string) => ({ runtime: { id } });

async function door(): Promise<unknown> {
  vi.resetModules();
  return (await import('../../src/shared/browser-content')).browser;
}

afterEach(() => vi.unstubAllGlobals());

describe('the content scripts’ browser door', () => {
  it('takes `browser` where it is the extension API (Firefox, Chromium since it has one)', async () => {
    const native = api('ours');
    vi.stubGlobal('browser', native);
    vi.stubGlobal('chrome', api('ours'));
    expect(await door()).toBe(native);
  });

  it('takes `chrome` where `browser` is missing, or a page element’s name (<div id="browser">)', async () => {
    const chrome = api('ours');
    vi.stubGlobal('chrome', chrome);
    vi.stubGlobal('browser', undefined);
    expect(await door()).toBe(chrome);
    vi.stubGlobal('browser', document.createElement('div'));
    expect(await door()).toBe(chrome);
  });
});
