/**
 * Exports users as a CSV file the browser downloads: every user a list query matches, in
 * one or several environments, read through the Users API a page at a time.
 */
import type { Environment, Roster, UserListItem, UserListQuery } from '../../../api';
import { toCsv } from '../../../domain';

const PAGE = 10_000;
const HEADER = ['environment', 'username', 'name', 'email', 'mobilePhone', 'class', 'active', 'lastLogin', 'createdAt', 'externalId'];

async function* usersOf(roster: Roster, query: UserListQuery): AsyncGenerator<UserListItem[]> {
  for (let offset = 0; ; offset += PAGE) {
    const page = await roster.users.list({ ...query, offset, limit: PAGE });
    yield page.items;
    if (offset + PAGE >= page.total) return;
  }
}

/** The CSV text of every user the queries match; each query names its environment. */
export async function usersCsv(roster: Roster, environments: readonly Environment[], queries: readonly UserListQuery[]): Promise<{ csv: string; count: number }> {
  const names = new Map(environments.map((environment) => [environment.id, environment.name]));
  const rows: (string | number | undefined)[][] = [];
  for (const query of queries) {
    for await (const items of usersOf(roster, query)) {
      for (const user of items) {
        rows.push([
          names.get(user.environmentId),
          user.username,
          user.name,
          user.email,
          user.mobilePhone,
          user.class,
          user.isActive ? 'yes' : 'no',
          user.lastLogin,
          user.createdAt,
          user.externalId,
        ]);
      }
    }
  }
  return { csv: toCsv(HEADER, rows), count: rows.length };
}

/** Hands a text file to the browser's download. */
export function download(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
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
