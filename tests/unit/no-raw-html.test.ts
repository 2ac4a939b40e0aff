/**
 * docs/security.md says that every text Roster shows (names, emails, imported cells, records
 * read back) reaches the page as text, never as markup: Svelte escapes `{value}`, and nothing in
 * src hands a string to the HTML parser. This keeps it so: each way of doing that is named here.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../../src/', import.meta.url).pathname;

/** What parses a string as HTML (or runs it as code) in a Svelte component or a module. */
const RAW_HTML = [
  { name: 'Svelte {@html}', pattern: /\{@html\b/ },
  { name: 'innerHTML / outerHTML', pattern: /\.(?:inner|outer)HTML\b/ },
  { name: 'insertAdjacentHTML', pattern: /\binsertAdjacentHTML\b/ },
  { name: 'document.write', pattern: /\bdocument\.write(?:ln)?\b/ },
  { name: 'createContextualFragment', pattern: /\bcreateContextualFragment\b/ },
  { name: 'DOMParser', pattern: /\bDOMParser\b/ },
  { name: 'eval / new Function', pattern: /\beval\(|\bnew Function\(/ },
];

async function sourceFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await sourceFiles(path)));
    else if (/\.(?:ts|svelte|js)$/.test(entry.name)) files.push(path);
  }
  return files;
}

describe('no text reaches the page as markup', () => {
  it.for(RAW_HTML)('src uses no $name', async ({ pattern }) => {
    const files = await sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(50);
    const hits: string[] = [];
    for (const file of files) {
      const lines = (await readFile(file, 'utf8')).split('\n');
      lines.forEach((line, index) => {
        if (pattern.test(line)) hits.push(`${file.slice(SRC.length)}:${index + 1}: ${line.trim()}`);
      });
    }
    expect(hits).toEqual([]);
  });

  it('would notice one', () => {
    // The patterns match what they name, so an empty result above means none is there.
    expect(RAW_HTML.every(({ pattern }) => !pattern.test('element.textContent = name;'))).toBe(true);
    expect(RAW_HTML.find(({ pattern }) => pattern.test('<p>{@html user.name}</p>'))?.name).toBe('Svelte {@html}');
    expect(RAW_HTML.find(({ pattern }) => pattern.test('node.innerHTML = text;'))?.name).toBe('innerHTML / outerHTML');
  });
});
