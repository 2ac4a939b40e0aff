// Lists every line longer than Prettier's printWidth in the tracked source files (TypeScript,
// Svelte, JavaScript, CSS, JSON; not package-lock.json): Prettier cannot break long strings,
// template literals or comments, so a line can stay too long after formatting. Exits 1 if any.
// Width counts characters (code points), as Prettier does for text without wide characters.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const PATTERNS = ['*.ts', '*.svelte', '*.js', '*.mjs', '*.css', '*.json'];
const EXCLUDED = new Set(['package-lock.json']);

const root = execFileSync('git', ['rev-parse', '--show-toplevel'], { encoding: 'utf8' }).trim();
const config = JSON.parse(readFileSync(`${root}/.prettierrc.json`, 'utf8'));
const width = Number.isInteger(config.printWidth) ? config.printWidth : 80;

const files = execFileSync('git', ['ls-files', '-z', '--', ...PATTERNS], {
  cwd: root,
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
})
  .split('\0')
  .filter((path) => path !== '' && !EXCLUDED.has(path.slice(path.lastIndexOf('/') + 1)));

let long = 0;
for (const path of files) {
  // Tracked but deleted in the working tree: nothing to measure.
  if (!existsSync(`${root}/${path}`)) continue;
  const lines = readFileSync(`${root}/${path}`, 'utf8').split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    const length = [...line].length;
    if (length > width) {
      console.log(`${path}:${index + 1}: ${length} characters (max ${width})`);
      long++;
    }
  }
}

if (long > 0) {
  console.log(`Line width: ${long} ${long === 1 ? 'line is' : 'lines are'} longer than ${width} characters.`);
  process.exit(1);
}
console.log(`Line width: every line is at most ${width} characters.`);
