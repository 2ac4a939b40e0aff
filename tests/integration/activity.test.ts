/**
 * The activity API: every audit entry newest first in words, with who made it; filters by
 * environment, entity, action, time and text; the users of a bulk change or an import; the
 * CSV export; retention; and counts and pages that stay right across blocks of 1,024 ids.
 */
import { describe, expect } from 'vitest';
import { BUCKET_SIZE } from '../../src/db';
import { failureOf } from '../factories/errors';
import { aGroup, aRole, aUser, anEnvironment, someUsers } from '../factories/inputs';
import { FIXED_NOW, it } from '../factories/roster';

const words = (page: { items: { words: string }[] }) => page.items.map((item) => item.words);

describe('activity.list', () => {
  it('says a rename and a bulk deactivation in words, newest first', async ({ roster }) => {
    const eu = await roster.environments.create(anEnvironment({ name: 'Production EU' }));
    const ana = await roster.users.create(aUser(eu.id, { username: 'ana.lee', name: 'Ana' }));
    const crowd = await roster.users.createMany(someUsers(eu.id, 1203));
    await roster.users.update(ana.id, { name: 'Ana Lee' });
    await roster.users.setActiveMany(
      crowd.map((user) => user.id),
      false,
    );

    const page = await roster.activity.list({ limit: 10 });
    expect(words(page)).toEqual([
      'Deactivated 1,203 users',
      "Renamed ana.lee: name 'Ana' → 'Ana Lee'",
      'Created 1,203 users',
      'Created ana.lee',
      'Created environment Production EU',
    ]);
    expect(page.total).toBe(5);
    const rename = page.items[1]!;
    expect(rename).toMatchObject({
      entity: 'user',
      entityId: ana.id,
      environmentId: eu.id,
      label: 'ana.lee',
      changes: { name: { before: 'Ana', after: 'Ana Lee' } },
    });
    expect(page.items[0]).not.toHaveProperty('userIds');
  });

  it('records who made each change: the name this browser was given, from then on', async ({ roster }) => {
    const eu = await roster.environments.create(anEnvironment());
    expect(roster.activity.setActor('  Maria (IT desk) ')).toBe('Maria (IT desk)');
    expect(roster.activity.actor()).toBe('Maria (IT desk)');
    await roster.users.create(aUser(eu.id, { username: 'bo' }));
    roster.activity.setActor('');
    await roster.users.create(aUser(eu.id, { username: 'cy' }));

    const { items } = await roster.activity.list({ entity: 'user' });
    expect(items.map((item) => [item.label, item.actor])).toEqual([
      ['cy', undefined],
      ['bo', 'Maria (IT desk)'],
    ]);
  });

  it('filters by environment, entity, action, time and text, and counts the matches', async ({ roster, clock }) => {
    const eu = await roster.environments.create(anEnvironment({ name: 'EU' }));
    const qa = await roster.environments.create(anEnvironment({ name: 'QA', kind: 'non-production' }));
    clock.advanceDays(1);
    const ana = await roster.users.create(aUser(eu.id, { username: 'ana' }));
    await roster.groups.create(aGroup(eu.id, { name: 'Sales' }));
    clock.advanceDays(1);
    const since = clock.now().toISOString();
    await roster.users.create(aUser(qa.id, { username: 'quinn' }));
    await roster.users.setActive(ana.id, false);

    expect((await roster.activity.list({ environmentId: qa.id })).total).toBe(2);
    expect(words(await roster.activity.list({ entity: 'group' }))).toEqual(['Created group Sales']);
    expect(words(await roster.activity.list({ action: 'deactivate' }))).toEqual(['Deactivated ana']);
    expect(words(await roster.activity.list({ from: since }))).toEqual(['Deactivated ana', 'Created quinn']);
    expect((await roster.activity.list({ to: since })).total).toBe(4);
    expect(words(await roster.activity.list({ search: 'SALES' }))).toEqual(['Created group Sales']);
    expect(words(await roster.activity.list({ entity: 'user', entityId: ana.id }))).toEqual([
      'Deactivated ana',
      'Created ana',
    ]);
    expect((await roster.activity.list({ environmentId: eu.id, action: 'create', search: 'nobody' })).total).toBe(0);
  });

  it('counts and pages right across blocks of ids, with and without filters', async ({ roster, clock }) => {
    const eu = await roster.environments.create(anEnvironment());
    const roles = [];
    // Enough entries for three blocks; every third a role, on a later day from the middle on.
    for (let i = 0; i < 2 * BUCKET_SIZE + 100; i++) {
      if (i === BUCKET_SIZE + 50) clock.advanceDays(1);
      if (i % 3 === 0) roles.push(await roster.roles.create(aRole(eu.id, { name: `R${i}` })));
      else await roster.groups.create(aGroup(eu.id, { name: `G${i}` }));
    }
    const all = await roster.activity.list({ limit: 10_000 });
    expect(all.total).toBe(2 * BUCKET_SIZE + 101);
    expect(all.items.map((item) => item.id)).toEqual([...all.items.map((item) => item.id)].sort((a, b) => b - a));

    const page = await roster.activity.list({ offset: BUCKET_SIZE - 5, limit: 10 });
    expect(page.items.map((item) => item.id)).toEqual(
      all.items.slice(BUCKET_SIZE - 5, BUCKET_SIZE + 5).map((i) => i.id),
    );

    const onlyRoles = await roster.activity.list({ entity: 'role', offset: 300, limit: 500 });
    expect(onlyRoles.total).toBe(roles.length);
    expect(onlyRoles.items.map((item) => item.entityId)).toEqual(
      roles
        .map((role) => role.id)
        .reverse()
        .slice(300, 800),
    );

    const later = clock.now().toISOString().slice(0, 10);
    const recent = await roster.activity.list({ from: later, entity: 'role', offset: 10, limit: 5 });
    const expected = all.items.filter((item) => item.at >= later && item.entity === 'role');
    expect(recent.total).toBe(expected.length);
    expect(recent.items.map((item) => item.id)).toEqual(expected.slice(10, 15).map((item) => item.id));

    const searched = await roster.activity.list({ search: 'group g1', offset: 2, limit: 3 });
    const hits = all.items.filter((item) => item.words.toLowerCase().includes('group g1'));
    expect(searched.total).toBe(hits.length);
    expect(searched.items.map((item) => item.id)).toEqual(hits.slice(2, 5).map((item) => item.id));
  }, 60_000);

  it('refuses a bad query, naming the field', async ({ roster }) => {
    expect(await failureOf(roster.activity.list({ entity: 'planet' as never }))).toEqual({
      code: 'validation',
      paths: ['entity'],
    });
    expect(await failureOf(roster.activity.list({ from: '2026-03-31T09:30:00' }))).toEqual({
      code: 'validation',
      paths: ['from'],
    });
    expect(await failureOf(roster.activity.list({ from: '2026-04-01', to: '2026-03-01' }))).toEqual({
      code: 'validation',
      paths: ['to'],
    });
    expect(await failureOf(roster.activity.list({ entityId: 'x' }))).toEqual({ code: 'validation', paths: ['entity'] });
    expect(await failureOf(roster.activity.list({ limit: 10_001 }))).toEqual({ code: 'validation', paths: ['limit'] });
    expect(await failureOf(roster.activity.list({ offset: -1 }))).toEqual({ code: 'validation', paths: ['offset'] });
    expect(await failureOf(roster.activity.list({ colour: 'red' } as never))).toEqual({
      code: 'validation',
      paths: ['colour'],
    });
    expect(() => roster.activity.setActor('Ann\u202eeB')).toThrow(/one line of visible text/);
    expect(() => roster.activity.setActor('x'.repeat(101))).toThrow(/at most 100/);
  });
});

describe('activity.users', () => {
  it('lists every user of a bulk change, with the username each had then', async ({ roster }) => {
    const eu = await roster.environments.create(anEnvironment());
    const crowd = await roster.users.createMany(someUsers(eu.id, 30));
    await roster.users.deleteMany(crowd.slice(0, 12).map((user) => user.id));
    const [deletion] = (await roster.activity.list({ action: 'delete-many' })).items;
    expect(deletion!.words).toBe('Deleted 12 users');
    expect(deletion!.userCount).toBe(12);

    const first = await roster.activity.users(deletion!.id, { offset: 0, limit: 5 });
    const rest = await roster.activity.users(deletion!.id, { offset: 5, limit: 50 });
    expect(first.total).toBe(12);
    expect([...first.items, ...rest.items]).toEqual(
      crowd.slice(0, 12).map((user) => ({ id: user.id, username: user.username })),
    );
  });

  it('lists the users an import created and updated, by their names now', async ({ roster }) => {
    const eu = await roster.environments.create(anEnvironment());
    await roster.users.create(aUser(eu.id, { username: 'old', name: 'Old' }));
    await roster.importCsv(eu.id, 'username,name\nold,Renamed\nnew1,New One\nnew2,New Two\n', { mode: 'upsert' });
    const [entry] = (await roster.activity.list({ action: 'import' })).items;
    expect(entry!.words).toBe('Imported 3 users from a CSV file (2 users created, 1 updated)');
    const { items } = await roster.activity.users(entry!.id);
    expect(items.map((user) => user.username).sort()).toEqual(['new1', 'new2', 'old']);
  });

  it('says which entry does not exist, and refuses an id that is no number', async ({ roster }) => {
    expect(await failureOf(roster.activity.users(999))).toEqual({ code: 'not-found', paths: ['entryId'] });
    expect(await failureOf(roster.activity.users('1' as never))).toEqual({ code: 'validation', paths: [''] });
  });
});

describe('activity.exportCsv', () => {
  it('exports the filtered entries with who, where, what and the changes, formulas neutralised', async ({ roster }) => {
    const eu = await roster.environments.create(anEnvironment({ name: 'Production EU' }));
    roster.activity.setActor('=Eve');
    const ana = await roster.users.create(aUser(eu.id, { username: 'ana', name: 'Ana' }));
    await roster.users.update(ana.id, { name: 'Ana Lee' });
    const text = await (await roster.activity.exportCsv({ entity: 'user' })).text();
    const lines = text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('at,by,environment,entity,entityId,action,what,changes,users');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe(
      `${FIXED_NOW.toISOString()},'=Eve,Production EU,user,${ana.id},update,` +
        "Renamed ana: name 'Ana' → 'Ana Lee',name 'Ana' → 'Ana Lee',",
    );
    expect(lines[2]).toContain(',create,Created ana,');
  });
});

describe('activity retention', () => {
  it('keeps everything by default, then deletes only entries older than the days kept', async ({ roster, clock }) => {
    const eu = await roster.environments.create(anEnvironment());
    await roster.groups.create(aGroup(eu.id, { name: 'Old' }));
    clock.advanceDays(40);
    await roster.groups.create(aGroup(eu.id, { name: 'Recent' }));
    expect(await roster.activity.retention()).toEqual({ days: null });
    expect(await roster.activity.applyRetention()).toBe(0);

    expect(await roster.activity.setRetention({ days: 30 })).toEqual({ days: 30 });
    expect(await roster.activity.applyRetention()).toBe(2);
    expect(words(await roster.activity.list())).toEqual([
      "Changed how long the activity log keeps entries: keep days 'every entry' → 30",
      'Created group Recent',
    ]);
    // Exactly 30 days old stays: only what is older than the setting goes.
    clock.advanceDays(30);
    expect(await roster.activity.applyRetention()).toBe(0);
    clock.advanceMinutes(1);
    expect(await roster.activity.applyRetention()).toBe(2);
    expect((await roster.activity.list()).total).toBe(0);
  });

  it('refuses a retention that is not a whole number of days', async ({ roster }) => {
    for (const days of [0, -1, 1.5, 40_000, '30'])
      expect(await failureOf(roster.activity.setRetention({ days } as never))).toEqual({
        code: 'validation',
        paths: ['days'],
      });
  });
});
