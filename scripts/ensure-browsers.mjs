#!/usr/bin/env node
// Makes `npm start`, `npm test` and `npm run bench` work on a fresh machine of this project's
// kind (Debian, root, apt reachable): installs Debian's chromium and firefox-esr when either is
// missing. Anywhere else it says what to install and fails; it never lets a run skip the browsers.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM_PATH, FIREFOX_PATH } from '../test/e2e/harness/env.mjs';

const missing = [
  [CHROMIUM_PATH, 'chromium'],
  [FIREFOX_PATH, 'firefox-esr'],
].filter(([binary]) => !existsSync(binary));
if (missing.length === 0) process.exit(0);

const packages = missing.map(([, pkg]) => pkg);
const hint = `apt-get update && apt-get install -y ${packages.join(' ')}`;
const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
if (!canInstall) {
  console.error(`Missing ${missing.map(([binary]) => binary).join(' and ')}. Install with: ${hint}`);
  process.exit(1);
}

console.log(`Installing Debian ${packages.join(' and ')} (first run on this machine only)…`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const args of [['update'], ['install', '-y', ...packages]]) {
  const run = spawnSync('apt-get', args, { stdio: 'inherit', env });
  if (run.status !== 0) {
    console.error(`apt-get ${args.join(' ')} failed. Install by hand with: ${hint}`);
    process.exit(run.status ?? 1);
  }
}

const stillMissing = missing.filter(([binary]) => !existsSync(binary));
if (stillMissing.length > 0) {
  console.error(`Still missing after apt-get: ${stillMissing.map(([binary]) => binary).join(', ')}.`);
  process.exit(1);
}
