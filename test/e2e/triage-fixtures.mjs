// Fixture folders for the triage e2e (triage.*.test.mjs): the committed fixtures copied, with the
// same paper on arXiv and Hugging Face. Kept from content-kit.mjs when the other suites moved to driver/.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, TMP } from './harness/env.mjs';

/** First paper of the arXiv /new fixture; the derived HF daily page lists it too. */
export const SHARED_ID = 'arxiv:2609.10001';
const HF_ID_REPLACED = '2609.40001';

/**
 * The committed fixtures, plus the same paper on both sites: the Hugging Face daily page with
 * its first paper's arXiv id swapped for the first paper of the arXiv /new listing.
 * @returns {string} the fixtures directory to pass to the launchers
 */
export function crossSiteFixtures() {
  const dir = path.join(TMP, `content-fixtures-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  cpSync(path.join(ROOT, 'test', 'fixtures'), dir, { recursive: true });
  const daily = path.join(dir, 'huggingface', 'daily.html');
  const html = readFileSync(daily, 'utf8');
  if (!html.includes(HF_ID_REPLACED)) throw new Error(`huggingface/daily.html no longer lists ${HF_ID_REPLACED}`);
  writeFileSync(daily, html.replaceAll(HF_ID_REPLACED, SHARED_ID.slice('arxiv:'.length)));
  return dir;
}

/** @param {string} dir */
export function removeFixtures(dir) {
  rmSync(dir, { recursive: true, force: true });
}

