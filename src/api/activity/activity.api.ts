/**
 * activity: the audit log as people read it. Every entry newest first with its words,
 * filtered and paged (counts per block of ids keep it fast at a million entries), the users of
 * a bulk change or an import, a CSV export, the retention and the name this browser signs
 * its changes with.
 */
import { z } from 'zod';
import { getAuditEntry, readTransaction } from '../../db';
import type { ApiContext } from '../context';
import { readWithIndex } from '../user-access';
import { RosterError, parseInput } from '../errors';
import { ActivityReader, type ActivityPage } from './activity-query';
import { exportActivityCsv } from './activity-export';
import { applyRetention, getRetention, setRetention } from './activity-retention';
import {
  activityQuerySchema,
  actorSchema,
  entryIdSchema,
  pageSchema,
  type ActivityFilter,
  type ActivityQuery,
  type Retention,
} from './activity-schemas';

/** One user a bulk change or an import touched, with the username it had then. */
export interface ActivityUser {
  id: string;
  username: string;
}

export function activityApi(context: ApiContext) {
  const reader = new ActivityReader(context.db);
  return {
    /** Entries matching the filters, newest first: `{ total, items }`. */
    async list(query: ActivityQuery = {}): Promise<ActivityPage> {
      const parsed = parseInput(activityQuerySchema, query);
      return readTransaction(context.db, () => reader.page(parsed));
    },

    /** The users of a bulk change or an import, a page at a time, in the order they were given. */
    async users(
      entryId: number,
      page?: { offset?: number; limit?: number },
    ): Promise<{ total: number; items: ActivityUser[] }> {
      const id = parseInput(entryIdSchema, entryId);
      const { offset, limit } = parseInput(pageSchema, page);
      const entry = await getAuditEntry(context.db, id);
      if (!entry) throw RosterError.notFound('entryId', `No activity entry has the id ${id}.`);
      const ids = entry.userIds ? (JSON.parse(entry.userIds) as string[]) : [];
      const names = entry.usernames ? (JSON.parse(entry.usernames) as string[]) : [];
      const wanted = ids.slice(offset, offset + limit);
      // Entries that kept only ids (an import) name each user as it is called now; a deleted one by its id.
      const current = names.length
        ? undefined
        : await readWithIndex(context, async () => usernamesNow(context, wanted));
      const items = wanted.map((userId, index) => ({
        id: userId,
        username: names[offset + index] ?? current?.[index] ?? userId,
      }));
      return { total: ids.length, items };
    },

    /** The entries matching the filters as a CSV file (all of them, newest first). */
    async exportCsv(filter: ActivityFilter = {}): Promise<Blob> {
      const { offset: _offset, limit: _limit, ...parsed } = parseInput(activityQuerySchema, filter);
      return exportActivityCsv(context, reader, parsed);
    },

    /** How long the log keeps entries: `{ days: null }` (every entry, the default) or `{ days: N }`. */
    retention(): Promise<Retention> {
      return getRetention(context);
    },

    /** Sets the retention (audited); `applyRetention` then deletes what it no longer keeps. */
    setRetention(retention: Retention): Promise<Retention> {
      return setRetention(context, retention);
    },

    /** Deletes the entries older than the retention allows, in small transactions; returns how many went. */
    applyRetention(): Promise<number> {
      return applyRetention(context);
    },

    /** The name every entry written from now on records as who made the change ('' for none). */
    actor(): string {
      return context.actor ?? '';
    },

    setActor(name: string): string {
      // Refused under the field `name`, as a form shows it.
      const { name: actor } = parseInput(z.object({ name: actorSchema }), { name });
      context.actor = actor || undefined;
      return actor;
    },
  };
}

function usernamesNow(context: ApiContext, ids: readonly string[]): (string | undefined)[] {
  const { userIndex } = context;
  return ids.map((id) => {
    const slot = userIndex.slotOf(id);
    return slot === undefined ? undefined : userIndex.columns.usernames[slot];
  });
}
