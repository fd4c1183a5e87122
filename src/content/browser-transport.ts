// The controller's link to the background, through the one browser-API module.
import { browser, type Runtime } from '../shared/browser';
import { request } from '../shared/messaging';
import { parseBroadcast } from './broadcast';
import type { ContentTransport } from './controller';

export function browserTransport(): ContentTransport {
  return {
    request,
    subscribe(listener) {
      // Returns nothing, so the sender (the background) gets no answer from us and waits for none.
      const onMessage = (message: unknown, sender: Runtime.MessageSender): undefined => {
        const changes = parseBroadcast(message, sender, browser.runtime.id);
        if (changes) listener(changes);
        return undefined;
      };
      browser.runtime.onMessage.addListener(onMessage);
      return () => browser.runtime.onMessage.removeListener(onMessage);
    },
  };
}
