/**
 * Reading a backup's text (src/api/backup/backup-text.ts): a file in Roster's layout (one record
 * a line) is parsed line by line as it streams in, whatever the chunks; any other layout whole.
 */
import { describe, expect, test } from 'vitest';
import { BackupTextError, backupDocument } from '../../src/api/backup/backup-text';

/** A stream of the text's bytes, `size` bytes a chunk (splitting lines, and characters, anywhere). */
function streamOf(text: string, size: number): ReadableStream<Uint8Array<ArrayBuffer>> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream<Uint8Array<ArrayBuffer>>({
    pull(controller) {
      if (at >= bytes.length) controller.close();
      else controller.enqueue(bytes.slice(at, (at += size)));
    },
  });
}

const HEAD = { format: 'roster-backup', version: 1, exportedAt: '2026-03-31T09:30:00.000Z' };
const TABLES = {
  environments: [
    { id: 'e1', name: 'Zürich, "main"' },
    { id: 'e2', name: 'line\nbreak' },
  ],
  userChunks: [{ id: 'e1:0', data: 'x'.repeat(5000) }],
  audit: [],
};

/** The text as backup() writes it: the head, then each table's records one a line. */
function rosterLayout(tables: Record<string, unknown[]>): string {
  const parts = [`${JSON.stringify(HEAD).slice(0, -1)},"tables":{`];
  Object.entries(tables).forEach(([name, records], index) => {
    parts.push(`${index ? ',' : ''}\n${JSON.stringify(name)}:[`);
    if (records.length) parts.push(`\n${records.map((record) => JSON.stringify(record)).join(',\n')}`);
    parts.push('\n]');
  });
  parts.push('\n}}\n');
  return parts.join('');
}

describe('backupDocument', () => {
  test.each([1, 3, 64, 100_000])("reads Roster's layout line by line, in chunks of %i bytes", async (size) => {
    const text = rosterLayout(TABLES);
    expect(await backupDocument(streamOf(text, size))).toEqual(JSON.parse(text));
  });

  test('reads another layout (a file formatted by hand) whole', async () => {
    const text = JSON.stringify({ ...HEAD, tables: TABLES }, null, 2);
    expect(await backupDocument(streamOf(text, 10))).toEqual({ ...HEAD, tables: TABLES });
  });

  test.each([
    ['cut short in a table', (text: string) => text.slice(0, text.indexOf('"userChunks"') + 20)],
    ['cut short before the end', (text: string) => text.slice(0, text.lastIndexOf('}}'))],
    ['a damaged record', (text: string) => text.replace('{"id":"e2"', '{"id":e2"')],
    ['text after the end', (text: string) => `${text}{}\n`],
  ])('refuses a file %s', async (_case, damage) => {
    await expect(backupDocument(streamOf(damage(rosterLayout(TABLES)), 50))).rejects.toBeInstanceOf(BackupTextError);
  });

  test('refuses a table listed twice', async () => {
    const text = rosterLayout(TABLES).replace('"audit":[', '"environments":[');
    await expect(backupDocument(streamOf(text, 50))).rejects.toThrow(/environments twice/);
  });
});
