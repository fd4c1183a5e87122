// A paper saved on Google Scholar or dblp shows saved on arXiv when the ids meet (issue 9), in
// both browsers: a trusted click on the Scholar result (or the dblp entry) whose link names an
// arXiv paper, then the arXiv listing that lists that paper, open in another tab (live) and
// opened afresh. The fixtures are the committed ones: Scholar's and dblp's made-up pages link
// papers of arXiv's /new fixture.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { forEachBrowser } from './driver/index.mjs';
import { ARXIV_NEW, SAVE_TOGGLE, annotated, hostSelector, readStoredPaper, statesOf, waitForState } from './driver/shelfmark.mjs';

const SCHOLAR = 'https://scholar.google.com/scholar?hl=en&q=folded+lattice';
const DBLP = 'https://dblp.org/search?q=quellbrook';
/** Scholar links it twice (arXiv abstract page, then its PDF), dblp as CoRR abs/2609.10001. */
const FROM_SCHOLAR = 'arxiv:2609.10001';
/** dblp's journal version: a DOI and an arXiv link; the arXiv id is its key. */
const FROM_DBLP = 'arxiv:2609.10002';

forEachBrowser('saved on Scholar or dblp, saved on arXiv', { timeout: 180_000 }, (suite) => {
  it('Scholar: saving a result that links an arXiv paper saves that paper, shown live and later on arXiv', async () => {
    const { driver } = suite;
    const arxiv = await driver.openPage(ARXIV_NEW);
    await annotated(arxiv);
    assert.deepEqual(await arxiv.evaluate(statesOf, FROM_SCHOLAR), ['unsaved']);

    const scholar = await driver.openPage(SCHOLAR);
    await annotated(scholar);
    // Two results name the paper (two clusters): one paper, one state.
    assert.deepEqual(await scholar.evaluate(statesOf, FROM_SCHOLAR), ['unsaved', 'unsaved']);
    await scholar.click(hostSelector(FROM_SCHOLAR), { position: SAVE_TOGGLE });
    await waitForState(scholar, FROM_SCHOLAR, 'saved');

    await waitForState(arxiv, FROM_SCHOLAR, 'saved');
    const stored = await driver.inExtension(readStoredPaper, FROM_SCHOLAR);
    assert.equal(stored?.source?.site, 'scholar');
    assert.ok(stored?.aliases.some((/** @type {string} */ key) => key.startsWith('scholar:')), 'the Scholar cluster is kept as an alias');

    const fresh = await driver.openPage(ARXIV_NEW);
    await annotated(fresh);
    assert.deepEqual(await fresh.evaluate(statesOf, FROM_SCHOLAR), ['saved']);
    await fresh.close();
  });

  it('dblp: saving an entry whose links include arXiv shows the paper saved on arXiv', async () => {
    const { driver } = suite;
    const dblp = await driver.openPage(DBLP);
    await annotated(dblp);
    await dblp.click(hostSelector(FROM_DBLP), { position: SAVE_TOGGLE });
    await waitForState(dblp, FROM_DBLP, 'saved');

    const arxiv = await driver.openPage(ARXIV_NEW);
    await annotated(arxiv);
    assert.deepEqual(await arxiv.evaluate(statesOf, FROM_DBLP), ['saved']);
    const stored = await driver.inExtension(readStoredPaper, FROM_DBLP);
    assert.deepEqual(
      [...stored.aliases].sort(),
      ['arxiv:2609.10002', 'dblp:journals/jir/OkonkwoLind26', 'doi:10.1016/j.madeup.2026.01.003'],
    );
  });
});
