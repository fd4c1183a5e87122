// Popup entry: one controller over the shared database, rendered into #app.
import { render } from 'preact';
import './popup.css';
import { openDb } from '../db/schema';
import { browser } from '../shared/browser';
import { request } from '../shared/messaging';
import { App } from './components/App';
import { PopupController } from './controller';

const controller = new PopupController({
  db: openDb(),
  request,
  openTab: (url) => {
    void browser.tabs.create({ url });
  },
});
controller.start();
// A popup closes without warning: send typed notes before it goes.
addEventListener('pagehide', () => controller.stop());
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') controller.flushNotes();
});

const getSuggestions = async (prefix: string, exclude: readonly string[]) =>
  (await request('suggestTags', { prefix, exclude: [...exclude], limit: 8 })).tags;

render(<App controller={controller} getSuggestions={getSuggestions} />, document.getElementById('app')!);
