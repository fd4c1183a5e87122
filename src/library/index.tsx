// Library page entry (an extension page opened in a tab): one controller over the shared
// database, rendered into #app, in the user's theme.
import { render } from 'preact';
import './library.css';
import { takeFirstScreen } from '../db/first-screen';
import { openDb } from '../db/schema';
import { browser } from '../shared/browser';
import { request } from '../shared/messaging';
import { keepStoragePersistent } from '../shared/storage-persistence';
import { followTheme } from '../ui/theme';
import { TAG_EDITOR_CSS } from '../ui/tag-editor';
import { parseBibtexInWorker } from '../popup/bibtex-in-worker';
import { LibraryApp } from './components/LibraryApp';
import { LibraryController } from './library-controller';

followTheme();
void keepStoragePersistent();
const tagEditorStyle = document.createElement('style');
tagEditorStyle.textContent = TAG_EDITOR_CSS;
document.head.append(tagEditorStyle);

const controller = new LibraryController({
  // Built on first use: the first screen needs no Dexie (db/first-screen.ts), and its schema
  // set-up would otherwise run before the first paint.
  get db() {
    return openDb();
  },
  request,
  openTab: (url) => {
    void browser.tabs.create({ url });
  },
  parseBibtex: (text) => parseBibtexInWorker(text),
  firstScreen: takeFirstScreen(),
});
const firstScreen = controller.start();
addEventListener('pagehide', () => controller.stop());
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') controller.flushNotes();
});

const getSuggestions = async (prefix: string, exclude: readonly string[]) =>
  (await request('suggestTags', { prefix, exclude: [...exclude], limit: 8 })).tags;

// As the popup does: the first frame shows the newest papers, not an empty table drawn twice; a
// slow read gets the page after SHELL_WAIT_MS.
const SHELL_WAIT_MS = 100;
void Promise.race([firstScreen, new Promise((resolve) => setTimeout(resolve, SHELL_WAIT_MS))]).then(() =>
  render(<LibraryApp controller={controller} getSuggestions={getSuggestions} />, document.getElementById('app')!),
);
