/**
 * Exports users as a CSV file the browser downloads: every user a list query matches, in one
 * or several environments, as `roster.exportCsv` writes them (with their groups and roles, in
 * the format the import reads back).
 */
import { EXPORT_HEADER, type Roster, type UserListQuery } from '../../../api';

/** The bytes before the first user of an export: the byte order mark, the header and its CRLF. */
const HEAD_BYTES = 3 + EXPORT_HEADER.join(',').length + 2;

/** One CSV file of every user the queries match, each query naming its environment; and how many. */
export async function usersCsv(
  roster: Roster,
  queries: readonly UserListQuery[],
): Promise<{ csv: Blob; count: number }> {
  const parts: Blob[] = [];
  let count = 0;
  for (const [index, { environmentId, offset: _offset, limit: _limit, ...query }] of queries.entries()) {
    const file = await roster.exportCsv(environmentId, query);
    // One header for the whole file: the later environments' files join without theirs.
    parts.push(index === 0 ? file : file.slice(HEAD_BYTES));
    count += (await roster.users.list({ ...query, environmentId, limit: 0 })).total;
  }
  return { csv: new Blob(parts, { type: 'text/csv;charset=utf-8' }), count };
}

/** Hands a file (or its text) to the browser's download. */
export function download(filename: string, file: Blob | string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(typeof file === 'string' ? new Blob([file], { type }) : file);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name that says what is in it and when: "roster-production-eu-external-2026-11-27.csv". */
export function exportFileName(...parts: string[]): string {
  const slug = parts
    .join('-')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `roster-${slug}-${new Date().toISOString().slice(0, 10)}.csv`;
}
