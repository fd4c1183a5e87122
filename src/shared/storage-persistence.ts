// The reading list lives only in this browser's IndexedDB, so its storage must never be evicted.
// The manifest asks for `unlimitedStorage` (no quota, and Chromium exempts such extensions from
// eviction); this asks for persistent storage as well, which Firefox grants an extension with
// that permission without a prompt, so `navigator.storage.persisted()` is true there.
// StorageManager.persist() exists only in window contexts: Firefox's background page, the popup
// and the library page call this; Chromium's service worker cannot.
export async function keepStoragePersistent(storage: StorageManager | undefined = globalThis.navigator?.storage): Promise<boolean> {
  try {
    if (!storage || typeof storage.persisted !== 'function') return false;
    if (await storage.persisted()) return true;
    return typeof storage.persist === 'function' ? await storage.persist() : false;
  } catch {
    // A browser that refuses (or a context without the API) leaves the storage as it was.
    return false;
  }
}
