// Builds the app and serves the production build with `vite preview` on a free port of
// 127.0.0.1 (never 4173, so it does not collide with `npm start`), for the end-to-end tests
// and the benchmark. Build and server output go to stderr, so that stdout carries only
// what the caller prints.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

const HOST = '127.0.0.1';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const READY_TIMEOUT_MS = 30_000;

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
      server.close(() => (port ? resolvePort(port) : reject(new Error('Could not get a free port.'))));
    });
  });
}

/**
 * Runs `npx vite build` in `root`; rejects if it fails.
 * @param {string} root
 * @returns {Promise<void>}
 */
export function buildApp(root) {
  return new Promise((resolveBuild, reject) => {
    const child = spawn(NPX, ['--no', '--', 'vite', 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolveBuild();
      else reject(new Error(`vite build failed (${code ?? signal}).`));
    });
  });
}

/**
 * Waits until `url` answers an HTTP request; fails after the timeout or if the server exits first.
 * @param {string} url
 * @param {import('node:child_process').ChildProcess} server
 * @returns {Promise<void>}
 */
async function waitForServer(url, server) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(
        `The preview server exited (${server.exitCode ?? server.signalCode}) before answering on ${url}.`,
      );
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.body?.cancel();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`The preview server did not answer on ${url} within ${READY_TIMEOUT_MS / 1000} s.`);
}

/**
 * Stops a server started by startServer (its whole process group); safe to call twice.
 * @param {import('node:child_process').ChildProcess} child
 */
function stopProcessGroup(child) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const pid = child.pid;
  try {
    if (process.platform === 'win32') child.kill();
    else process.kill(-pid, 'SIGTERM');
  } catch {
    return; // already gone
  }
  // If it ignores SIGTERM, SIGKILL it shortly after (unref'd: does not keep node alive).
  setTimeout(() => {
    try {
      if (process.platform !== 'win32') process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 3000).unref();
}

/**
 * Serves `root`'s dist/ with `vite preview` in its own process group, on a free port.
 * @param {string} root
 * @returns {Promise<{ url: string, stop: () => void }>}
 */
export async function startServer(root) {
  const port = await freePort();
  const url = `http://${HOST}:${port}/`;
  const child = spawn(NPX, ['--no', '--', 'vite', 'preview', '--port', String(port), '--strictPort', '--host', HOST], {
    cwd: root,
    stdio: ['ignore', 2, 2],
    detached: process.platform !== 'win32',
  });
  child.on('error', (err) => console.error(`could not start vite preview: ${err.message}`));
  const stop = () => stopProcessGroup(child);
  process.on('exit', stop);
  try {
    await waitForServer(url, child);
  } catch (err) {
    stop();
    throw err;
  }
  return { url, stop };
}
