/**
 * The JSON side of reading an import (Keycloak, SCIM, Auth0's NDJSON): tells a JSON file from a
 * CSV one by its first character, parses it (a document, else one object a line) and hands it
 * to the pure format modules (src/domain/import/formats), which give it back as a sheet of
 * records that the CSV reading then maps and checks. Such exports are read whole: they are
 * megabytes where a CSV import may be gigabytes.
 */
import { readJsonDocument, type ImportFormat, type JsonSheet } from '../../domain/import';
import { RosterError } from '../errors';

/** How much of a file is looked at to tell JSON from CSV. */
const SNIFF_BYTES = 4096;

/** Whether a file is JSON: its first character, past a BOM and white space, is `{` or `[`. */
export async function isJsonSource(source: string | Blob): Promise<boolean> {
  const head = typeof source === 'string' ? source.slice(0, SNIFF_BYTES) : await source.slice(0, SNIFF_BYTES).text();
  return /^[\uFEFF\s]*[[{]/.test(head);
}

function parseLines(text: string, first: unknown): unknown[] {
  const lines: unknown[] = [];
  text.split(/\r\n|\n|\r/).forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      lines.push(JSON.parse(line));
    } catch (error) {
      throw RosterError.validation(
        'source',
        `The file is not valid JSON, nor one JSON object a line: line ${index + 1} does not read ` +
          `(${error instanceof Error ? error.message : String(error)}).`,
      );
    }
  });
  if (lines.length < 2) {
    const message = first instanceof Error ? first.message : String(first);
    throw RosterError.validation('source', `The file is not valid JSON (${message}).`);
  }
  return lines;
}

/** Reads and parses a JSON file and gives its sheet; a RosterError at `source` when it is none Roster reads. */
export async function readJsonSheet(source: string | Blob, format?: ImportFormat): Promise<JsonSheet> {
  const text = (typeof source === 'string' ? source : await source.text()).replace(/^\uFEFF/, '');
  let document: unknown;
  let lines = false;
  try {
    document = JSON.parse(text);
  } catch (error) {
    document = parseLines(text, error);
    lines = true;
  }
  const sheet = readJsonDocument(document, { lines, format });
  if ('error' in sheet) throw RosterError.validation('source', sheet.error);
  return sheet;
}
