// Popup entry: one controller over the shared database, rendered into #app.
import { render } from 'preact';
import './popup.css';
import { takeFirstScreen } from '../db/first-screen';
import { openDb } from '../db/schema';
import { browser } from '../shared/browser';
import { request } from '../shared/messaging';
import { keepStoragePersistent } from '../shared/storage-persistence';
import { TAG_EDITOR_CSS } from '../ui/tag-editor';
import { followTheme } from '../ui/theme';
import { parseBibtexInWorker } from './bibtex-in-worker';
import { App } from './components/App';
import { PopupController } from './controller';
import { pageMarker } from './page-marker';

followTheme();
void keepStoragePersistent();
// The shared tag editor ships its rules as text (the content script puts them in a shadow root).
const tagEditorStyle = document.createElement('style');
tagEditorStyle.textContent = TAG_EDITOR_CSS;
document.head.append(tagEditorStyle);

const controller = new PopupController({
  // Built on first use: the first screen needs no Dexie (db/first-screen.ts), and its schema
  // set-up would otherwise run before the first paint.
  get db() {
    return openDb();
  },
  request,
  openTab: (url) => {
    void browser.tabs.create({ url });
  },
  libraryUrl: browser.runtime.getURL('library.html'),
  parseBibtex: (text) => parseBibtexInWorker(text),
  firstScreen: takeFirstScreen(),
});
const firstScreen = controller.start();
// A popup closes without warning: send typed notes before it goes.
addEventListener('pagehide', () => controller.stop());
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') controller.flushNotes();
});

const getSuggestions = async (prefix: string, exclude: readonly string[]) =>
  (await request('suggestTags', { prefix, exclude: [...exclude], limit: 8 })).tags;

// The first frame shows the first screen of papers, not an empty shell that is laid out and
// painted once more a moment later; a slow read gets the shell after SHELL_WAIT_MS.
const SHELL_WAIT_MS = 100;
void Promise.race([firstScreen, new Promise((resolve) => setTimeout(resolve, SHELL_WAIT_MS))]).then(() =>
  render(<App controller={controller} getSuggestions={getSuggestions} pageMarker={pageMarker} />, document.getElementById('app')!),
);
