/**
 * `roster.activity.exportCsv`: the entries a query matches as a CSV file (UTF-8 with a BOM,
 * CRLF, formulas neutralised, as the users export), newest first, built a page at a time so
 * that a million entries never become one string.
 */
import { CSV_BOM, csvRecords, describeChange, type CsvCell } from '../../domain';
import { listEnvironments, readTransaction } from '../../db';
import { yieldToEventLoop } from '../../index';
import type { ApiContext } from '../context';
import type { ActivityReader } from './activity-query';
import type { ParsedActivityQuery } from './activity-schemas';

/** The columns of the activity export, in order. */
export const ACTIVITY_EXPORT_HEADER = [
  'at',
  'by',
  'environment',
  'entity',
  'entityId',
  'action',
  'what',
  'changes',
  'users',
] as const;

const PAGE = 5000;

export async function exportActivityCsv(
  context: ApiContext,
  reader: ActivityReader,
  filter: Omit<ParsedActivityQuery, 'offset' | 'limit'>,
): Promise<Blob> {
  const environments = new Map((await listEnvironments(context.db)).map((record) => [record.id, record.name]));
  const parts: string[] = [CSV_BOM, csvRecords([ACTIVITY_EXPORT_HEADER], ACTIVITY_EXPORT_HEADER.length, 0)];
  for (let offset = 0; ; offset += PAGE) {
    const page = await readTransaction(context.db, () => reader.page({ ...filter, offset, limit: PAGE }));
    const rows: CsvCell[][] = page.items.map((entry) => [
      entry.at,
      entry.actor,
      entry.environmentId === undefined ? '' : (environments.get(entry.environmentId) ?? entry.environmentId),
      entry.entity,
      entry.entityId,
      entry.action,
      entry.words,
      Object.entries(entry.changes ?? {})
        .map(([field, change]) => describeChange(field, change))
        .join('; '),
      entry.userCount,
    ]);
    parts.push(csvRecords(rows, ACTIVITY_EXPORT_HEADER.length, offset + 2));
    if (offset + PAGE >= page.total) break;
    await yieldToEventLoop();
  }
  return new Blob(parts, { type: 'text/csv;charset=utf-8' });
}
