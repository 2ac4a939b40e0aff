// Runs the end-to-end tests against a production build:
//   1. finds Chromium (scripts/find-chromium.mjs),
//   2. builds the app (vite build),
//   3. serves it with `vite preview` on a free port (never 4173, so it does not
//      collide with `npm start`),
//   4. runs vitest with vitest.e2e.config.ts, CHROMIUM_PATH and E2E_BASE_URL set,
//   5. stops the preview server whatever happens, and exits with vitest's code.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from './find-chromium.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const HOST = '127.0.0.1';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const READY_TIMEOUT_MS = 30_000;

/** @type {import('node:child_process').ChildProcess | undefined} */
let preview;
/** The foreground child (build or vitest), to pass signals on to. */
/** @type {import('node:child_process').ChildProcess | undefined} */
let current;

/** An error whose message is shown alone, without a stack trace. */
class E2eError extends Error {}

/**
 * Asks the OS for a free TCP port by listening on port 0.
 * @returns {Promise<number>}
 */
function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolvePort(port) : reject(new E2eError('Could not get a free port.'))));
    });
  });
}

/**
 * Runs `npx <args>` in the foreground with inherited stdio.
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {Promise<number>} the exit code (128 + n if killed by a signal)
 */
function run(args, env = process.env) {
  return new Promise((resolveCode, reject) => {
    const child = spawn(NPX, ['--no', '--', ...args], { cwd: ROOT, env, stdio: 'inherit' });
    current = child;
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      current = undefined;
      resolveCode(code ?? (signal ? 128 + signalNumber(signal) : 1));
    });
  });
}

/**
 * @param {NodeJS.Signals} signal
 * @returns {number}
 */
function signalNumber(signal) {
  return { SIGINT: 2, SIGTERM: 15, SIGKILL: 9, SIGHUP: 1 }[/** @type {string} */ (signal)] ?? 1;
}

/**
 * Starts `vite preview` in its own process group, so it can be stopped with
 * everything npx started under it.
 * @param {number} port
 * @returns {import('node:child_process').ChildProcess}
 */
function startPreview(port) {
  const child = spawn(NPX, ['--no', '--', 'vite', 'preview', '--port', String(port), '--strictPort', '--host', HOST], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: process.platform !== 'win32',
  });
  return child;
}

/** Stops the preview server (its whole process group); safe to call twice. */
function stopPreview() {
  const child = preview;
  preview = undefined;
  if (!child || child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    if (process.platform === 'win32') child.kill();
    else process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
  // If it ignores SIGTERM, SIGKILL it shortly after (unref'd: does not keep node alive).
  const pid = child.pid;
  setTimeout(() => {
    try {
      if (process.platform !== 'win32') process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 3000).unref();
}

/**
 * Waits until `url` answers an HTTP request, or fails after the timeout or if
 * the server process exits first.
 * @param {string} url
 * @param {import('node:child_process').ChildProcess} server
 * @returns {Promise<void>}
 */
async function waitForServer(url, server) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new E2eError(`The preview server exited (${server.exitCode ?? server.signalCode}) before answering on ${url}.`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.body?.cancel();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new E2eError(`The preview server did not answer on ${url} within ${READY_TIMEOUT_MS / 1000} s.`);
}

/** @param {NodeJS.Signals} signal */
function onSignal(signal) {
  console.error(`\nrun-e2e: ${signal} received, stopping.`);
  stopPreview();
  if (current && current.exitCode === null) current.kill(signal);
  process.exit(128 + signalNumber(signal));
}

async function main() {
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  // Last resort: whatever path leads to exit, do not leave the server behind.
  process.on('exit', stopPreview);

  let chromium;
  try {
    chromium = await findChromium();
  } catch (err) {
    throw new E2eError(err instanceof Error ? err.message : String(err));
  }
  console.log(`run-e2e: using Chromium at ${chromium}`);

  console.log('run-e2e: building the app (vite build)');
  const buildCode = await run(['vite', 'build']);
  if (buildCode !== 0) throw new E2eError(`run-e2e: vite build failed (exit ${buildCode}).`);

  const port = await freePort();
  const baseUrl = `http://${HOST}:${port}`;
  console.log(`run-e2e: starting vite preview on ${baseUrl}`);
  preview = startPreview(port);
  preview.on('error', (err) => console.error(`run-e2e: could not start vite preview: ${err.message}`));

  try {
    await waitForServer(baseUrl, preview);
    console.log('run-e2e: running the e2e tests (vitest run --config vitest.e2e.config.ts)');
    return await run(['vitest', 'run', '--config', 'vitest.e2e.config.ts'], {
      ...process.env,
      CHROMIUM_PATH: chromium,
      E2E_BASE_URL: baseUrl,
    });
  } finally {
    stopPreview();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    stopPreview();
    console.error(err instanceof E2eError ? err.message : err);
    process.exit(1);
  },
);
