import { describe, expect } from 'vitest';
import { RosterError, type Roster } from '../../src/api';
import { tablesOf as storedTables } from '../factories/tables';
import { rosterErrorOf } from '../factories/errors';
import { it, openTestRoster } from '../factories/roster';
import { snapshotOf } from '../factories/snapshot';
import { seedWorld } from '../factories/world';

/**
 * Every table; a restore marks the state records with a new generation (for other tabs), which is
 * no data of the backup's.
 */
async function tablesOf(name: string): Promise<Record<string, unknown[]>> {
  const tables = await storedTables(name);
  tables.environmentStates = tables.environmentStates!.map((state) => ({
    ...(state as object),
    generation: undefined,
  }));
  return tables;
}

async function seeded(roster: Roster) {
  await seedWorld(roster);
  // An audit entry and a snapshot of history, so those tables are not empty.
  await roster.history.record?.();
  return roster;
}

describe('backup and restore', () => {
  it('restores into an empty database an identical copy of every table, and Roster keeps working on it', async ({
    roster,
    clock,
  }) => {
    await seeded(roster);
    const original = await tablesOf(roster.name);
    const file = await roster.backup();
    expect(new Uint8Array(await file.slice(0, 2).arrayBuffer())).toEqual(new Uint8Array([0x1f, 0x8b]));

    const copy = await openTestRoster(clock);
    const summary = await copy.restore(file);

    expect(summary.environments.map((environment) => environment.name).sort()).toEqual([
      'Production EU',
      'Production US',
      'QA',
    ]);
    expect(await tablesOf(copy.name)).toEqual(original);
    expect(await copy.usage()).toEqual(await roster.usage());
    expect(await copy.history.get()).toEqual(await roster.history.get());
    const [environment] = await copy.environments.list();
    const created = await copy.users.create({ environmentId: environment!.id, username: 'new-after-restore' });
    expect((await copy.users.get(created.id))!.username).toBe('new-after-restore');
    copy.close();
  });

  it('replaces what a database held, and reads a plain (uncompressed) backup too', async ({ roster, clock }) => {
    await seeded(roster);
    const file = await roster.backup({ compress: false });
    expect((await file.text()).startsWith('{"format":"roster-backup","version":3,')).toBe(true);
    const other = await openTestRoster(clock);
    await other.environments.create({ name: 'To be replaced', kind: 'production' });

    await other.restore(await file.text());

    expect(await snapshotOf(other)).toEqual(await snapshotOf(roster));
    expect((await other.backupStatus()).lastBackupAt).toBeUndefined();
    expect((await roster.backupStatus()).lastBackupAt).toBe(clock.now().toISOString());
    other.close();
  });

  it('says what a file holds without writing anything on a dry run', async ({ roster, clock }) => {
    await seeded(roster);
    const file = await roster.backup();
    const other = await openTestRoster(clock);
    const before = await tablesOf(other.name);

    const summary = await other.restore(file, { dryRun: true });

    expect(summary.version).toBe(3);
    expect(summary.environments.find((environment) => environment.name === 'Production EU')!.users).toBeGreaterThan(0);
    expect(await tablesOf(other.name)).toEqual(before);
    other.close();
  });
});

describe('a restore seen from another tab', () => {
  it('makes a tab with the same database read and write the restored data, not what it had loaded', async ({
    roster,
    clock,
  }) => {
    await seeded(roster);
    const file = await roster.backup();
    const [environment] = await roster.environments.list();
    await roster.users.create({ environmentId: environment!.id, username: 'only-before-restore' });
    const otherTab = await openTestRoster(clock, roster.name);
    await otherTab.ready();
    expect(await otherTab.users.findByUsername(environment!.id, 'only-before-restore')).toBeDefined();

    await roster.restore(file);

    expect(await otherTab.users.findByUsername(environment!.id, 'only-before-restore')).toBeUndefined();
    const written = await otherTab.users.create({ environmentId: environment!.id, username: 'after-restore' });
    expect((await roster.users.get(written.id))?.username).toBe('after-restore');
    expect((await roster.users.list({ environmentId: environment!.id, limit: 1000 })).total).toBe(
      (await otherTab.users.list({ environmentId: environment!.id, limit: 1000 })).total,
    );
    otherTab.close();
  });
});

describe('a refused restore changes nothing', () => {
  async function refusal(roster: Roster, source: string | Blob): Promise<RosterError> {
    const before = await tablesOf(roster.name);
    const error = await rosterErrorOf(roster.restore(source));
    expect(await tablesOf(roster.name)).toEqual(before);
    return error;
  }

  it('refuses a newer format and says which', async ({ roster }) => {
    await seeded(roster);
    const text = (await (await roster.backup({ compress: false })).text()).replace('"version":3', '"version":4');
    const error = await refusal(roster, text);
    expect(error.message).toBe('source: This backup was made by a newer Roster (format 4); this one reads up to 3.');
  });

  it('refuses a file cut short, plain or compressed', async ({ roster }) => {
    await seeded(roster);
    const plain = await (await roster.backup({ compress: false })).text();
    expect((await refusal(roster, plain.slice(0, plain.length / 2))).message).toMatch(/not complete JSON/);
    const packed = await roster.backup();
    expect((await refusal(roster, packed.slice(0, packed.size - 20))).message).toMatch(
      /damaged or cut short|not complete JSON/,
    );
  });

  it('refuses a foreign JSON file', async ({ roster }) => {
    await seeded(roster);
    expect((await refusal(roster, '{"users":[]}')).message).toMatch(/not a Roster backup/);
  });

  it('refuses a damaged record, naming its table', async ({ roster }) => {
    await seeded(roster);
    const text = await (await roster.backup({ compress: false })).text();
    const damaged = text.replace(/"kind":"production"/, '"kind":"prod"');
    expect((await refusal(roster, damaged)).message).toMatch(/record 1 of the table environments, kind/);
    const badChunk = text.replace(/"data":"\[\[/, '"data":"[[1,');
    expect((await refusal(roster, badChunk)).message).toMatch(/table userChunks/);
  });
});
