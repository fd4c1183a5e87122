// A request can fail while the background's service worker is being stopped or restarted (the
// message finds no receiver). The next message wakes it, so one retry is enough.
const RETRY_DELAY_MS = 50;

export async function withOneRetry<T>(attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch {
    await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
    return attempt();
  }
}
