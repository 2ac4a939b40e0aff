// How long reading a CSV import takes in Node: readCsv (src/import/read-csv.ts) over a Blob, a
// chunk at a time, against Papa Parse alone on the whole text. The file is generated: 100,000
// users (about 10 MB), some names quoted with commas and line breaks. Prints the median of RUNS
// runs after one warm-up, as JSON.
//
//   node bench/csv-parse.mjs [--rows 100000] [--runs 7] [--chunk 262144]
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'rolldown';
import Papa from 'papaparse';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '7' },
    chunk: { type: 'string', default: String(1 << 18) },
  },
});
const ROWS = Number(values.rows);
const RUNS = Number(values.runs);
const CHUNK = Number(values.chunk);

/** The reader is TypeScript: bundle it (Papa Parse left outside) into a temporary module. */
async function loadReader() {
  // Inside the project, so that the bundle's `import 'papaparse'` resolves.
  await mkdir(join(ROOT, 'node_modules/.cache'), { recursive: true });
  const dir = await mkdtemp(join(ROOT, 'node_modules/.cache/roster-csv-bench-'));
  const file = join(dir, 'read-csv.mjs');
  await build({
    input: join(ROOT, 'src/import/read-csv.ts'),
    external: ['papaparse'],
    output: { file, format: 'esm' },
    logLevel: 'silent',
  });
  const module = await import(pathToFileURL(file).href);
  await rm(dir, { recursive: true });
  return module;
}

function generate(rows) {
  const lines = ['username,name,email,mobilePhone,isActive,lastLogin,externalId,groups,roles'];
  for (let i = 0; i < rows; i++) {
    const name = i % 10 === 0 ? `"Smith, Ann ${i}"` : i % 97 === 0 ? `"Ann\r\nMarie ${i}"` : `Ann Smith ${i}`;
    lines.push(
      `user${i},${name},user${i}@example.com,+44 20 7946 ${String(i % 10000).padStart(4, '0')},` +
        `${i % 5 ? 'yes' : 'no'},2024-03-01T10:00:00Z,${i},Sales,Sales/User`,
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function median(numbers) {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function time(name, run) {
  const times = [];
  let records = 0;
  for (let i = 0; i <= RUNS; i++) {
    const start = performance.now();
    records = await run();
    if (i > 0) times.push(performance.now() - start);
  }
  return {
    name,
    records,
    medianMs: Math.round(median(times)),
    minMs: Math.round(Math.min(...times)),
    maxMs: Math.round(Math.max(...times)),
  };
}

const { readCsv } = await loadReader();
const text = generate(ROWS);
const blob = new Blob([text]);

async function countRecords(source) {
  let records = 0;
  for await (const batch of readCsv(source, { chunkBytes: CHUNK })) records += batch.records.length;
  return records;
}

const results = [
  await time('readCsv(Blob), chunked', () => countRecords(blob)),
  await time('readCsv(string), chunked', () => countRecords(text)),
  await time(
    'Papa.parse(whole string)',
    () => Papa.parse(text, { delimiter: ',', skipEmptyLines: true }).data.length - 1,
  ),
  await time(
    'Blob to string + Papa.parse',
    async () => Papa.parse(await blob.text(), { delimiter: ',', skipEmptyLines: true }).data.length - 1,
  ),
];
console.log(
  JSON.stringify(
    { node: process.version, rows: ROWS, bytes: blob.size, chunkBytes: CHUNK, runs: RUNS, results },
    null,
    2,
  ),
);
