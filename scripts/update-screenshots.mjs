// Copies the screenshots the end-to-end tests took into docs/screenshots, the ones the
// README shows. Test runs write them to an ignored folder only, so that `npm test` leaves
// tracked files as they were; updating the docs is this explicit step
// (`npm run docs:screenshots`, which runs the end-to-end tests first).
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const from = join(root, '.e2e-artifacts', 'docs');
const to = join(root, 'docs', 'screenshots');

const files = (await readdir(from).catch(() => [])).filter((name) => name.endsWith('.png'));
if (files.length === 0) {
  console.error(`No screenshots in ${from}: run the end-to-end tests first (npm run test:e2e).`);
  process.exit(1);
}
await mkdir(to, { recursive: true });
for (const name of files) await copyFile(join(from, name), join(to, name));
console.log(`Copied ${files.length} screenshots into docs/screenshots.`);
