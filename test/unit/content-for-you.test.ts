import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forYouService } from '../../src/background/for-you';
import { startContent, type ContentHandle } from '../../src/content/controller';
import { TestBackground, eventually, fakeAdapter, hosts, renderListing, rootOf, userClick, userKey } from './content-kit';

// Made-up fields: the user saves lattice gardening (tagged) and some orbital pastry; the page
// also lists humming kelp, which they pass over.
const GARDEN = ['lattice gardening with quiet trellis', 'trellis pruning for lattice gardening', 'lattice gardening under moonlit trellis', 'compost lattice gardening trellis', 'a trellis theory of lattice gardening', 'trellis lattice gardening at dawn'];
const PASTRY = ['orbital pastry lamination', 'laminated pastry in low orbit', 'orbital croissant folding', 'pastry dough at orbital speed', 'folding orbital pastry layers'];
const KELP = ['marine acoustics of humming kelp', 'kelp forest acoustics survey', 'humming kelp and tidal echoes', 'echoes in kelp acoustics', 'tidal kelp humming patterns', 'acoustics of drifting kelp', 'sonar kelp humming', 'kelp echoes at low tide', 'kelp sonar at dusk'];

let background: TestBackground;
let handle: ContentHandle | undefined;

beforeEach(() => {
  document.documentElement.removeAttribute('data-shelfmark');
  document.body.replaceChildren();
  background = new TestBackground();
  forYouService().reset();
});

afterEach(() => handle?.destroy());

async function saveLibrary() {
  for (const [i, title] of [...GARDEN, ...PASTRY].entries()) {
    const id = `arxiv:2501.${String(10000 + i)}`;
    await background.write('save', { paper: { id, aliases: [id], title, authors: ['Ada Example'] } });
    if (i < GARDEN.length) await background.write('addTag', { id, tag: 'garden' });
  }
}

/** A first listing of papers passed over: seen (marked so at once), they are what the model learns to tell apart. */
async function visitPassedOver() {
  renderListing(document, KELP.map((title, i) => ({ id: `arxiv:2601.${String(10000 + i)}`, title })));
  const first = startContent({ adapter: fakeAdapter(), transport: background.transport() });
  await first.ready;
  await new Promise((resolve) => setTimeout(resolve, 20));
  await first.markAllSeen();
  await forYouService().idle();
  first.destroy();
  document.body.replaceChildren();
}

/** Another listing: more of the passed-over field, and one entry like the saved ones. */
const SECOND = ['kelp acoustics under ice', 'humming kelp in aquaria', 'lattice gardening with trellis robots', 'tidal sonar of kelp beds'].map((title, i) => ({ id: `arxiv:2602.${String(10000 + i)}`, title }));
const GARDEN_ENTRY = SECOND[2]!;

const mark = (host: Element) => rootOf(host).querySelector('[data-mark="suggested"]');

describe('for you on a listing', () => {
  it('marks the entry like the saved ones, explains it on focus, jumps to it with f and applies the suggested tag', async () => {
    await saveLibrary();
    await visitPassedOver();
    renderListing(document, SECOND);
    handle = startContent({ adapter: fakeAdapter(), transport: background.transport() });
    await handle.ready;
    // The entries' titles went with the one getStates, and the answer brought the suggestion.
    const asked = background.requestsOf('getStates').at(-1)!.payload as { papers: { text?: string }[] };
    expect(asked.papers.map((paper) => paper.text)).toEqual(SECOND.map((paper) => paper.title));
    const garden = hosts(document, GARDEN_ENTRY.id)[0]!;
    expect(mark(garden)).not.toBeNull();
    for (const paper of SECOND) if (paper !== GARDEN_ENTRY) expect(mark(hosts(document, paper.id)[0]!)).toBeNull();

    // Explained on focus: the words that counted, and saved papers like it.
    const why = rootOf(garden).querySelector<HTMLElement>('[role="tooltip"]')!;
    expect(why.hidden).toBe(true);
    mark(garden)!.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    expect(why.hidden).toBe(false);
    expect(why.textContent).toMatch(/^Because of: .*(lattice|gardening|trellis)/u);
    expect(why.textContent).toMatch(/Like: “[^”]*(lattice|trellis)/u);
    mark(garden)!.dispatchEvent(new FocusEvent('focusout', { bubbles: true, composed: true }));
    expect(why.hidden).toBe(true);

    // f jumps to it (from the top) and focuses the mark; F finds nothing before it.
    (document.activeElement as HTMLElement | null)?.blur();
    expect(userKey(document.body, 'f').defaultPrevented).toBe(true);
    expect(rootOf(garden).activeElement).toBe(mark(garden));
    expect(userKey(document.body, 'F', { shiftKey: true }).defaultPrevented).toBe(true);
    expect(rootOf(garden).activeElement).toBe(mark(garden));

    // The popup's "show me": the same, for the entry it names; an entry not on the page is not shown.
    const elsewhere = document.body.appendChild(document.createElement('button'));
    elsewhere.focus();
    expect(rootOf(garden).activeElement).not.toBe(mark(garden));
    expect(handle.showEntry(GARDEN_ENTRY.id)).toBe(true);
    expect(rootOf(garden).activeElement).toBe(mark(garden));
    expect(handle.showEntry('arxiv:2699.00001')).toBe(false);

    // The tag chip applies the tag, which saves the paper; the chip goes.
    const chip = rootOf(garden).querySelector<HTMLButtonElement>('.fy > button')!;
    expect(chip.textContent).toBe('looks like your #garden papers');
    chip.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    expect(chip.isConnected).toBe(true); // an untrusted (page) click does nothing
    userClick(chip);
    await eventually(() => expect(garden.getAttribute('data-state')).toBe('saved'));
    expect((await background.stored(GARDEN_ENTRY.id))?.tags).toEqual(['garden']);
    expect(chip.isConnected).toBe(false);
  });

  it('shows nothing, and sends no more text, once turned off', async () => {
    await saveLibrary();
    await visitPassedOver();
    renderListing(document, SECOND);
    handle = startContent({ adapter: fakeAdapter(), transport: background.transport() });
    await handle.ready;
    expect(hosts(document).filter((host) => mark(host)).length).toBe(1);

    await background.write('updateSettings', { patch: { forYou: { enabled: false, maxShare: 0.1 } } });
    await eventually(() => expect(hosts(document).filter((host) => mark(host)).length).toBe(0));
    await handle.refresh();
    const last = background.requestsOf('getStates').at(-1)!.payload as { papers: { text?: string }[] };
    expect(last.papers.every((paper) => paper.text === undefined)).toBe(true);
    expect(hosts(document).filter((host) => mark(host)).length).toBe(0);
  });
});
