// Finds a Chromium (or Chrome) executable for the end-to-end tests.
//
// Order: $CHROMIUM_PATH (an error if set but missing), the usual system paths,
// then a PATH lookup of the usual names. On a Debian machine running as root it
// installs Debian's chromium package itself; anywhere else it fails with one
// clear line. It never uses a test tool's own browser download.
//
// Run directly (`node scripts/find-chromium.mjs`) it prints the path.
import { accessSync, constants, existsSync, realpathSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

const SYSTEM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
];

/** Flags for a quiet headless Chromium that works as root and on a closed network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const NOT_FOUND =
  'Chromium not found: install it (Debian/Ubuntu: apt-get install chromium) ' +
  'or set CHROMIUM_PATH to a Chromium or Chrome executable.';

/**
 * True if `file` is an existing, executable regular file (symlinks followed).
 * @param {string} file
 * @returns {boolean}
 */
function isExecutable(file) {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Looks `name` up in $PATH, as `which` would.
 * @param {string} name
 * @returns {string | undefined}
 */
function which(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Installs Debian's chromium package with apt-get. Only called on Debian as root.
 * apt-get's output goes to stderr so that stdout stays the path alone.
 * @returns {string}
 */
function aptInstallChromium() {
  console.error('Chromium not found: installing it with apt-get (apt-get update && apt-get install -y chromium)...');
  const result = spawnSync('sh', ['-c', 'apt-get update && apt-get install -y chromium'], {
    stdio: ['ignore', 2, 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  const installed = '/usr/bin/chromium';
  if (result.status !== 0 || !isExecutable(installed)) {
    throw new Error(`Installing Chromium with apt-get failed (exit ${result.status ?? result.signal}). ${NOT_FOUND}`);
  }
  return installed;
}

/**
 * Returns the path of a Chromium or Chrome executable; throws an Error with one
 * clear line if there is none and it cannot install one.
 * @returns {Promise<string>}
 */
export async function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH is set to "${fromEnv}", but there is no executable file there. ${NOT_FOUND}`);
  }

  for (const candidate of SYSTEM_PATHS) {
    if (isExecutable(candidate)) return candidate;
  }
  for (const name of NAMES) {
    const found = which(name);
    if (found) return found;
  }

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (existsSync('/etc/debian_version') && isRoot) return aptInstallChromium();

  throw new Error(NOT_FOUND);
}

/** True when this file is the script node was asked to run. */
function isMain() {
  const argv1 = process.argv[1];
  if (!argv1) return false;
  try {
    return realpathSync(argv1) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  try {
    console.log(await findChromium());
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
}
