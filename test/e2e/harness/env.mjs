// Paths, browser binaries and the project-local scratch space every e2e launch shares.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const TMP = path.join(ROOT, '.tmp');
/** Overridable to run the suite against another build (e.g. an unpacked release zip). */
export const DIST = process.env.SHELFMARK_DIST ? path.resolve(process.env.SHELFMARK_DIST) : path.join(ROOT, 'dist');

export const CHROMIUM_PATH = process.env.SHELFMARK_CHROMIUM ?? '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.SHELFMARK_FIREFOX ?? '/usr/bin/firefox-esr';

const INSTALL_HINT = 'apt-get install -y chromium firefox-esr';

/**
 * Fails loudly when a browser is missing: a test run that silently skips the real-browser half
 * would look green on a machine that never ran it.
 * @param {string} binary
 * @param {string} name
 */
export function requireBrowser(binary, name) {
  if (!existsSync(binary)) {
    throw new Error(`${name} not found at ${binary}. Install it with: ${INSTALL_HINT}`);
  }
}

/**
 * An unpacked build under dist/, checked to exist so a missing build reads as one clear line.
 * @param {string} name  e.g. 'chrome', 'firefox', 'test/firefox'
 */
export function distDir(name) {
  const dir = path.join(DIST, name);
  if (!existsSync(path.join(dir, 'manifest.json'))) {
    throw new Error(`${dir}/manifest.json is missing: run \`node build.mjs\` first.`);
  }
  return dir;
}

/**
 * Chromium and Firefox write crash reports, caches and downloads under $HOME and the XDG dirs
 * (browser-testing.md G10); point all of them into .tmp/ so a test run leaves the user's home alone.
 * @returns {Record<string, string>}
 */
export function browserEnv() {
  const home = path.join(TMP, 'home');
  return {
    ...stringEnv(process.env),
    HOME: home,
    TMPDIR: TMP,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
  };
}

/** @param {NodeJS.ProcessEnv} env */
function stringEnv(env) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value;
  return out;
}

/** Creates .tmp/ and the fake home, and points this process's own temp files there too. */
export async function prepareTmp() {
  await mkdir(path.join(TMP, 'home', '.config'), { recursive: true });
  await mkdir(path.join(TMP, 'home', '.cache'), { recursive: true });
  await mkdir(path.join(TMP, 'profiles'), { recursive: true });
  process.env.TMPDIR = TMP;
}

/**
 * A fresh browser profile directory, and a function that removes it.
 * @param {string} prefix
 * @returns {Promise<{ dir: string, remove: () => Promise<void> }>}
 */
export async function freshProfile(prefix) {
  await prepareTmp();
  const dir = await mkdtemp(path.join(TMP, 'profiles', prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true, maxRetries: 3 }) };
}
