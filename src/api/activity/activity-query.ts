/**
 * Counting and paging the activity log at a million entries. The counts per block of 1,024
 * entry ids (`auditBuckets`) say, without reading an entry, how many of each environment,
 * entity and action each block holds and when its entries were written; a page reads only the
 * blocks it falls in. Only a block a time range cuts through, or a text search, needs its
 * entries read to count them; those counts are remembered per query (and per block, by the
 * block's own count and latest time), so that scrolling a searched log reads each block once.
 */
import {
  admitEach,
  auditBuckets,
  awaitInLiveQuery,
  entriesOfBucket,
  entriesOfEntity,
  entryIdsListing,
  splitCountKey,
} from '../../db';
import type { AuditBucketRecord, AuditRecord, RosterDb } from '../../db';
import { searchText, toActivityEntry, type ActivityEntry } from './activity-entry';
import type { ParsedActivityQuery } from './activity-schemas';

export interface ActivityPage {
  /** How many entries match the query. */
  total: number;
  /** The page asked for, newest first. */
  items: ActivityEntry[];
}

type Filter = Omit<ParsedActivityQuery, 'offset' | 'limit'>;

/** Whether an entry passes every filter of a query. */
export function matches(entry: AuditRecord, filter: Filter): boolean {
  if (filter.environmentId !== undefined && entry.environmentId !== filter.environmentId) return false;
  if (filter.entity !== undefined && entry.entity !== filter.entity) return false;
  if (filter.entityId !== undefined && entry.entityId !== filter.entityId) return false;
  if (filter.action !== undefined && entry.action !== filter.action) return false;
  if (filter.from !== undefined && entry.at < filter.from) return false;
  if (filter.to !== undefined && entry.at >= filter.to) return false;
  return filter.search === undefined || searchText(entry).includes(filter.search);
}

/** A block's matching entries when they had to be read: their ids, newest first. */
interface Scanned {
  stamp: string;
  ids: number[];
}

/** Queries remembered, each with the blocks it read (the console asks again as the list scrolls). */
const REMEMBERED_QUERIES = 4;

export class ActivityReader {
  readonly #db: RosterDb;
  readonly #scans = new Map<string, Map<number, Scanned>>();

  constructor(db: RosterDb) {
    this.#db = db;
  }

  /** One page of the entries a query matches, newest first, with their total. */
  async page(query: ParsedActivityQuery): Promise<ActivityPage> {
    const { offset, limit, ...filter } = query;
    if (filter.entityId !== undefined) return this.#entityPage(filter, offset, limit);
    const scans = this.#scansOf(filter);
    const buckets = await auditBuckets(this.#db);
    let total = 0;
    let skip = offset;
    const items: ActivityEntry[] = [];
    for (const bucket of buckets) {
      // Through Dexie's promise: a native await here would lose the transaction (and a live query's track).
      const count = await awaitInLiveQuery(this.#count(bucket, filter, scans));
      total += count;
      if (count === 0 || items.length >= limit) continue;
      if (skip >= count) {
        skip -= count;
        continue;
      }
      const entries = await awaitInLiveQuery(this.#entries(bucket, filter, scans));
      for (const entry of entries.slice(skip, skip + limit - items.length)) items.push(toActivityEntry(entry));
      skip = 0;
    }
    return { total, items };
  }

  /**
   * One entity's entries (its index gives them all: they are few) and, for a user, the bulk
   * entries that listed it (from the shard of its id). Only the page's bulk entries are read
   * when no other filter needs them: one may list a million users.
   */
  async #entityPage(filter: Filter, offset: number, limit: number): Promise<ActivityPage> {
    const own = (await entriesOfEntity(this.#db, filter.entity!, filter.entityId!)).filter((entry) =>
      matches(entry, filter),
    );
    if (filter.entity !== 'user')
      return { total: own.length, items: own.slice(offset, offset + limit).map(toActivityEntry) };
    const ownIds = new Set(own.map((entry) => entry.id!));
    // Through Dexie's promise, as in `page`: the awaits below keep the live query's track.
    const listing = (await awaitInLiveQuery(entryIdsListing(this.#db, filter.entityId!))).filter(
      (id) => !ownIds.has(id),
    );
    // A bulk entry is about others (a group, '*'): every filter but the entity's applies to it.
    const { entity: _entity, entityId: _entityId, ...others } = filter;
    const filtered = Object.values(others).some((value) => value !== undefined);
    const read = (ids: number[]) =>
      this.#db.audit
        .bulkGet(ids)
        .then((records) => admitEach<AuditRecord>(this.#db, 'audit', records))
        .then((entries) => entries.filter((entry): entry is AuditRecord => !!entry && matches(entry, others)));
    // Newest first: entry ids grow with time.
    const byId = (a: { id: number }, b: { id: number }) => b.id - a.id;
    if (filtered) {
      const entries = [...own, ...(await read(listing))].map((entry) => ({ id: entry.id!, entry })).sort(byId);
      return {
        total: entries.length,
        items: entries.slice(offset, offset + limit).map(({ entry }) => toActivityEntry(entry)),
      };
    }
    const ownById = new Map(own.map((entry) => [entry.id!, entry]));
    const page = [...ownIds, ...listing]
      .map((id) => ({ id }))
      .sort(byId)
      .slice(offset, offset + limit);
    const bulk = new Map(
      (await read(page.filter(({ id }) => !ownById.has(id)).map(({ id }) => id))).map((entry) => [entry.id!, entry]),
    );
    const items = page.flatMap(({ id }) => {
      const entry = ownById.get(id) ?? bulk.get(id);
      return entry ? [toActivityEntry(entry)] : [];
    });
    return { total: own.length + listing.length, items };
  }

  /** How many of a block's entries match: from its counts where they say it, else by reading it. */
  async #count(bucket: AuditBucketRecord, filter: Filter, scans: Map<number, Scanned>): Promise<number> {
    let byKind = 0;
    for (const [key, count] of Object.entries(bucket.counts)) if (kindMatches(key, filter)) byKind += count;
    if (byKind === 0) return 0;
    if (
      (filter.from !== undefined && bucket.maxAt < filter.from) ||
      (filter.to !== undefined && bucket.minAt >= filter.to)
    )
      return 0;
    const inside =
      (filter.from === undefined || bucket.minAt >= filter.from) &&
      (filter.to === undefined || bucket.maxAt < filter.to);
    if (inside && filter.search === undefined) return byKind;
    return (await awaitInLiveQuery(this.#scan(bucket, filter, scans))).ids.length;
  }

  /** A block's matching entries, newest first. */
  async #entries(bucket: AuditBucketRecord, filter: Filter, scans: Map<number, Scanned>): Promise<AuditRecord[]> {
    const scanned = scans.get(bucket.bucket);
    if (scanned?.stamp === stampOf(bucket)) {
      const entries = admitEach<AuditRecord>(this.#db, 'audit', await this.#db.audit.bulkGet(scanned.ids));
      return entries.filter((entry): entry is AuditRecord => entry !== undefined);
    }
    return (await entriesOfBucket(this.#db, bucket.bucket)).filter((entry) => matches(entry, filter));
  }

  async #scan(bucket: AuditBucketRecord, filter: Filter, scans: Map<number, Scanned>): Promise<Scanned> {
    const stamp = stampOf(bucket);
    const known = scans.get(bucket.bucket);
    if (known?.stamp === stamp) return known;
    const ids = (await entriesOfBucket(this.#db, bucket.bucket))
      .filter((entry) => matches(entry, filter))
      .map((entry) => entry.id!);
    const scanned = { stamp, ids };
    scans.set(bucket.bucket, scanned);
    return scanned;
  }

  #scansOf(filter: Filter): Map<number, Scanned> {
    const key = JSON.stringify(filter);
    let scans = this.#scans.get(key);
    if (scans) this.#scans.delete(key);
    else scans = new Map();
    // Most recently used last; the oldest query is forgotten first.
    this.#scans.set(key, scans);
    if (this.#scans.size > REMEMBERED_QUERIES) this.#scans.delete(this.#scans.keys().next().value!);
    return scans;
  }
}

/** A block changes only by gaining entries (its count and latest time move) or losing old ones (its count). */
function stampOf(bucket: AuditBucketRecord): string {
  return `${bucket.count}|${bucket.maxAt}|${bucket.minAt}`;
}

function kindMatches(key: string, filter: Filter): boolean {
  const kind = splitCountKey(key);
  return (
    (filter.environmentId === undefined || kind.environmentId === filter.environmentId) &&
    (filter.entity === undefined || kind.entity === filter.entity) &&
    (filter.action === undefined || kind.action === filter.action)
  );
}
