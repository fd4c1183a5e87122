// The background has one thread, and a "for you" training run (issue 15) shares it with the
// requests that pages and the popup make. Training gives way to them, at every pause of its work:
// - while a request is being answered, or the changes it made are being handed to the tabs, it
//   waits. A save is a chain of tasks (the message, each of IndexedDB's answers, the tabs' query);
//   with a training slice run between each two, a save took 80-360 ms to reach another tab.
// - it rests as long as it worked, so it takes at most half of one core. On a two-core machine a
//   save's messages cross three processes (the page's, the browser's, the extension's), and with
//   training holding a core they crossed at a third of the speed (p50 38 ms, not 13).
/** Training waits for requests this long at most at one pause: a request that never settles does not stop it. */
const LONGEST_WAIT_MS = 250;

let inFlight = 0;
/** Resolves training's waiting pause once the last request in flight settles. */
let resume: (() => void) | null = null;
let resumed: Promise<void> | null = null;

/** `work` (a request being answered, changes being handed to tabs) is one training gives way to. */
export async function givenWayTo<T>(work: Promise<T>): Promise<T> {
  inFlight += 1;
  try {
    return await work;
  } finally {
    inFlight -= 1;
    if (inFlight === 0 && resume) {
      resume();
      resume = null;
      resumed = null;
    }
  }
}

const rest = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Training's pause after a slice of `sliceMs`: a rest as long, then, while requests are in flight,
 * until they are settled (LONGEST_WAIT_MS at most).
 */
export async function giveWay(sliceMs: number): Promise<void> {
  await rest(sliceMs);
  if (inFlight === 0) return;
  resumed ??= new Promise<void>((resolve) => (resume = resolve));
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([resumed, new Promise<void>((resolve) => (timer = setTimeout(resolve, LONGEST_WAIT_MS)))]);
  clearTimeout(timer);
}
