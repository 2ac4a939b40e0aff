/**
 * Schema v6 (the audit log's counts per block of ids): a database of the previous version with
 * an audit log of three blocks opens with the current code, keeps every entry as it was, and
 * counts, filters and pages them through the new counts; a restore counts its entries again.
 */
import { Dexie } from 'dexie';
import { describe, expect } from 'vitest';
import { openRoster } from '../../src/api';
import { BUCKET_SIZE, type AuditRecord } from '../../src/db';
import { migrateUsersToChunks } from '../../src/db/migrations/v2-user-chunks';
import { migrateMembershipsToChunks } from '../../src/db/migrations/v4-member-chunks';
import * as schema from '../../src/db/roster-db';
import { aGroup, anEnvironment } from '../factories/inputs';
import { FIXED_NOW, it, uniqueDbName } from '../factories/roster';

/** A connection that knows every schema version before v6, with their shipped upgrades. */
function previousConnection(name: string): Dexie {
  const db = new Dexie(name);
  db.version(1).stores(schema.SCHEMA_V1);
  db.version(2).stores(schema.SCHEMA_V2).upgrade(migrateUsersToChunks);
  db.version(3).stores(schema.SCHEMA_V3);
  db.version(4).stores(schema.SCHEMA_V4).upgrade(migrateMembershipsToChunks);
  // v5 (the username orders, a cache with nothing to migrate) where this build has it.
  const v5 = (schema as Record<string, unknown>).SCHEMA_V5 as Record<string, string> | undefined;
  if (v5) db.version(5).stores(v5);
  return db;
}

/** Entries as every version before v6 wrote them: no label, no actor, no user lists. */
function oldEntries(count: number): AuditRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    at: new Date(FIXED_NOW.getTime() - (count - i) * 60_000).toISOString(),
    action: i % 4 === 0 ? 'update' : 'create',
    entity: i % 2 === 0 ? 'user' : 'group',
    entityId: `e${i}`,
    environmentId: i % 3 === 0 ? 'env-qa' : 'env-eu',
    ...(i % 4 === 0 ? { changes: { name: { before: `n${i}`, after: `m${i}` } } } : { summary: `thing ${i}` }),
  }));
}

describe('migrating the previous schema to v6 (audit counts per block)', () => {
  it('keeps every entry and counts, filters and pages them', async () => {
    const name = uniqueDbName();
    const entries = oldEntries(2 * BUCKET_SIZE + 37);
    const old = previousConnection(name);
    await old.open();
    await old.table('audit').bulkAdd(entries);
    const stored = await old.table<AuditRecord>('audit').toArray();
    old.close();

    const roster = await openRoster(name, { now: () => FIXED_NOW });
    try {
      const all = await roster.activity.list({ limit: 10_000 });
      expect(all.total).toBe(entries.length);
      // Every record as it was, newest first.
      const byId = new Map(all.items.map((item) => [item.id, item]));
      for (const record of stored) {
        const { words: _words, ...item } = byId.get(record.id!)!;
        expect(item).toEqual(record);
      }
      const qaUsers = entries.filter((entry) => entry.environmentId === 'env-qa' && entry.entity === 'user');
      const page = await roster.activity.list({ environmentId: 'env-qa', entity: 'user', offset: 100, limit: 20 });
      expect(page.total).toBe(qaUsers.length);
      expect(page.items.map((item) => item.entityId)).toEqual(
        [...qaUsers]
          .reverse()
          .slice(100, 120)
          .map((entry) => entry.entityId),
      );
      expect((await roster.activity.list({ action: 'update' })).total).toBe(Math.ceil(entries.length / 4));
      const things = entries.filter((entry) => entry.summary?.startsWith('thing 1'));
      expect((await roster.activity.list({ search: 'THING 1' })).total).toBe(things.length);
    } finally {
      roster.close();
    }
  });
});

describe('restoring a backup', () => {
  it('counts the restored entries again, whatever the log held before', async ({ roster }) => {
    const eu = await roster.environments.create(anEnvironment());
    for (let i = 0; i < 5; i++) await roster.groups.create(aGroup(eu.id));
    const backup = await roster.backup();
    for (let i = 0; i < 7; i++) await roster.groups.create(aGroup(eu.id));
    expect((await roster.activity.list()).total).toBe(13);
    await roster.restore(backup);
    expect((await roster.activity.list()).total).toBe(6);
    expect((await roster.activity.list({ entity: 'group' })).total).toBe(5);
  });
});
