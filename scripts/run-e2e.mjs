// Runs the end-to-end tests against a production build:
//   1. finds Chromium (scripts/find-chromium.mjs),
//   2. builds the app and serves it with `vite preview` on a free port (scripts/preview-server.mjs),
//   3. runs vitest with vitest.e2e.config.ts, CHROMIUM_PATH and E2E_BASE_URL set,
//   4. stops the preview server whatever happens, and exits with vitest's code.
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from './find-chromium.mjs';
import { buildApp, startServer } from './preview-server.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const SIGNALS = /** @type {const} */ ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 });

/** Stops the preview server, once it runs. */
let stopServer = () => {};
/** The vitest process, to pass signals on to. */
/** @type {import('node:child_process').ChildProcess | undefined} */
let vitest;

/**
 * Runs vitest on the e2e config with inherited stdio.
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<number>} the exit code (128 + n if killed by a signal)
 */
function runVitest(env) {
  return new Promise((resolveCode, reject) => {
    vitest = spawn(NPX, ['--no', '--', 'vitest', 'run', '--config', 'vitest.e2e.config.ts'], {
      cwd: ROOT,
      env,
      stdio: 'inherit',
    });
    vitest.on('error', reject);
    vitest.on('exit', (code, signal) =>
      resolveCode(code ?? 128 + (SIGNALS[/** @type {keyof typeof SIGNALS} */ (signal)] ?? 1)),
    );
  });
}

/** @param {keyof typeof SIGNALS} signal */
function onSignal(signal) {
  console.error(`\nrun-e2e: ${signal} received, stopping.`);
  stopServer();
  if (vitest && vitest.exitCode === null) vitest.kill(signal);
  process.exit(128 + SIGNALS[signal]);
}

async function main() {
  for (const signal of /** @type {(keyof typeof SIGNALS)[]} */ (Object.keys(SIGNALS)))
    process.on(signal, () => onSignal(signal));
  // Last resort: whatever path leads to exit, do not leave the server behind.
  process.on('exit', () => stopServer());

  const chromium = await findChromium();
  console.log(`run-e2e: using Chromium at ${chromium}`);
  console.log('run-e2e: building the app (vite build)');
  await buildApp(ROOT);
  const server = await startServer(ROOT);
  stopServer = server.stop;
  try {
    console.log(`run-e2e: running the e2e tests against ${server.url}`);
    return await runVitest({ ...process.env, CHROMIUM_PATH: chromium, E2E_BASE_URL: server.url });
  } finally {
    stopServer();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    stopServer();
    console.error(`run-e2e: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
