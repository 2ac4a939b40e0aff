// No silent overwrite: an edit based on a version that changed meanwhile is refused with a
// `conflict` naming the fields that changed, writes nothing, and is accepted on the current
// version; without the version the edit is made as before.
import { describe, expect } from 'vitest';
import { VersionConflictError, type Roster } from '../../src/api';
import { failureOf, rosterErrorOf } from '../factories/errors';
import { aGroup, aUser, anEnvironment } from '../factories/inputs';
import { it, type TestClock } from '../factories/roster';
import { tablesOf } from '../factories/tables';

/** Runs a call that must be refused as stale; returns its error and checks that nothing was written. */
async function refusedAsStale(roster: Roster, call: () => Promise<unknown>): Promise<VersionConflictError> {
  const before = await tablesOf(roster.name);
  const error = await rosterErrorOf(call());
  expect(error).toBeInstanceOf(VersionConflictError);
  expect(error.code).toBe('conflict');
  expect(await tablesOf(roster.name)).toEqual(before);
  return error as VersionConflictError;
}

/** Another tab's change, a minute later than what the caller read. */
function later(clock: TestClock): void {
  clock.advanceMinutes(1);
}

describe('users.update with expectedUpdatedAt', () => {
  it('refuses an edit of a version another edit replaced, naming its fields, and writes nothing', async ({
    roster,
    clock,
  }) => {
    const environment = await roster.environments.create(anEnvironment());
    const read = await roster.users.create(aUser(environment.id, { username: 'ana', name: 'Ana' }));
    later(clock);
    await roster.users.update(read.id, { name: 'Ana Lee', email: 'ana@example.com' });
    later(clock);

    const error = await refusedAsStale(roster, () =>
      roster.users.update(read.id, { name: 'Ana Silva' }, { expectedUpdatedAt: read.updatedAt }),
    );

    expect(error.issues).toEqual([
      { path: 'name', message: 'Changed since you read it; now "Ana Lee".' },
      { path: 'email', message: 'Changed since you read it; now "ana@example.com".' },
    ]);
    expect(error.changed).toEqual(['name', 'email']);
    expect(error.current).toEqual(await roster.users.get(read.id));
  });

  it('names isActive after a deactivation, one or in bulk, since both move updatedAt', async ({ roster, clock }) => {
    const environment = await roster.environments.create(anEnvironment());
    const [ana, bob] = await roster.users.createMany([aUser(environment.id), aUser(environment.id)]);
    later(clock);
    await roster.users.setActive(ana!.id, false);
    await roster.users.setActiveMany([ana!.id, bob!.id], true);
    await roster.users.setActiveMany([bob!.id, ana!.id], false);
    later(clock);

    for (const user of [ana!, bob!]) {
      const error = await refusedAsStale(roster, () =>
        roster.users.update(user.id, { name: 'New' }, { expectedUpdatedAt: user.updatedAt }),
      );
      expect(error.issues).toEqual([{ path: 'isActive', message: 'Changed since you read it; now inactive.' }]);
    }
  });

  it('says an import changed the user when the log cannot name the fields', async ({ roster, clock }) => {
    const environment = await roster.environments.create(anEnvironment());
    const read = await roster.users.create(aUser(environment.id, { username: 'ana' }));
    later(clock);
    await roster.importCsv(environment.id, 'username,name\r\nana,Ana From File\r\n', { mode: 'upsert' });

    const error = await refusedAsStale(roster, () =>
      roster.users.update(read.id, { name: 'Mine' }, { expectedUpdatedAt: read.updatedAt }),
    );
    expect(error.issues).toEqual([{ path: '', message: 'An import changed this user since you read it.' }]);
    expect(error.current).toMatchObject({ name: 'Ana From File' });
  });

  it('refuses a stale edit even when it would change nothing now', async ({ roster, clock }) => {
    const environment = await roster.environments.create(anEnvironment());
    const read = await roster.users.create(aUser(environment.id, { name: 'Ana' }));
    later(clock);
    await roster.users.update(read.id, { name: 'Ana Lee' });

    await refusedAsStale(roster, () =>
      roster.users.update(read.id, { name: 'Ana Lee' }, { expectedUpdatedAt: read.updatedAt }),
    );
  });

  it('accepts an edit of the current version, given in any ISO form of the same moment', async ({ roster, clock }) => {
    const environment = await roster.environments.create(anEnvironment());
    const created = await roster.users.create(aUser(environment.id, { name: 'Ana' }));
    later(clock);
    const renamed = await roster.users.update(
      created.id,
      { name: 'Ana Lee' },
      { expectedUpdatedAt: created.updatedAt },
    );
    later(clock);
    const offset = new Date(renamed.updatedAt).toISOString().replace('Z', '+00:00');

    const again = await roster.users.update(created.id, { email: 'ana@example.com' }, { expectedUpdatedAt: offset });

    expect(again).toMatchObject({ name: 'Ana Lee', email: 'ana@example.com', updatedAt: clock.now().toISOString() });
  });

  it('checks nothing without the option, as before', async ({ roster, clock }) => {
    const environment = await roster.environments.create(anEnvironment());
    const read = await roster.users.create(aUser(environment.id, { name: 'Ana' }));
    later(clock);
    await roster.users.update(read.id, { name: 'Ana Lee' });

    expect((await roster.users.update(read.id, { name: 'Last Word' }, {})).name).toBe('Last Word');
    expect((await roster.users.update(read.id, { name: 'Really Last' })).name).toBe('Really Last');
  });

  it('refuses a malformed option by its name, before anything else', async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment());
    const user = await roster.users.create(aUser(environment.id));

    expect(await failureOf(roster.users.update(user.id, {}, { expectedUpdatedAt: 'yesterday' }))).toEqual({
      code: 'validation',
      paths: ['expectedUpdatedAt'],
    });
    const unknown = { expectedUpdatedAt: user.updatedAt, force: true } as unknown as { expectedUpdatedAt: string };
    expect(await failureOf(roster.users.update(user.id, {}, unknown))).toEqual({
      code: 'validation',
      paths: ['force'],
    });
  });
});

describe('groups.update with expectedUpdatedAt', () => {
  it('refuses an edit of a replaced version, naming the fields, and writes nothing', async ({ roster, clock }) => {
    const environment = await roster.environments.create(anEnvironment());
    const read = await roster.groups.create(aGroup(environment.id, { name: 'Sales', description: 'EU' }));
    later(clock);
    await roster.groups.update(read.id, { description: 'All regions' });

    const error = await refusedAsStale(roster, () =>
      roster.groups.update(read.id, { name: 'Sales EU' }, { expectedUpdatedAt: read.updatedAt }),
    );
    expect(error.issues).toEqual([{ path: 'description', message: 'Changed since you read it; now "All regions".' }]);
  });

  it('accepts the current version and checks nothing without it', async ({ roster, clock }) => {
    const environment = await roster.environments.create(anEnvironment());
    const read = await roster.groups.create(aGroup(environment.id, { name: 'Sales' }));
    later(clock);
    const renamed = await roster.groups.update(read.id, { name: 'Sales EU' }, { expectedUpdatedAt: read.updatedAt });
    expect(renamed).toMatchObject({ name: 'Sales EU', updatedAt: clock.now().toISOString() });
    later(clock);
    expect((await roster.groups.update(read.id, { name: 'Sales World' })).name).toBe('Sales World');
  });
});

describe('environments.update with expectedUpdatedAt', () => {
  it('refuses an edit of a replaced version, naming the fields, a rule change among them', async ({
    roster,
    clock,
  }) => {
    const read = await roster.environments.create(anEnvironment({ name: 'Production EU' }));
    later(clock);
    await roster.environments.update(read.id, { platformVersion: '11.12' });
    await roster.environments.setRules(read.id, { mode: 'domains', domains: ['example.com'] });

    const error = await refusedAsStale(roster, () =>
      roster.environments.update(read.id, { name: 'Production' }, { expectedUpdatedAt: read.updatedAt }),
    );
    expect(error.issues).toEqual([
      { path: 'platformVersion', message: 'Changed since you read it; now "11.12".' },
      { path: 'rules', message: 'Changed since you read it.' },
    ]);
    expect(error.current).toEqual(await roster.environments.get(read.id));
  });

  it('accepts the current version and checks nothing without it', async ({ roster, clock }) => {
    const read = await roster.environments.create(anEnvironment({ name: 'QA' }));
    later(clock);
    const renamed = await roster.environments.update(read.id, { name: 'QA 1' }, { expectedUpdatedAt: read.updatedAt });
    expect(renamed.name).toBe('QA 1');
    expect((await roster.environments.update(read.id, { name: 'QA 2' })).name).toBe('QA 2');
  });
});

describe('environments.setRules with expectedRules', () => {
  it('refuses rules based on other rules than the stored ones, naming mode and domains', async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment());
    const read = await roster.environments.getRules(environment.id);
    await roster.environments.setRules(environment.id, { mode: 'domains', domains: ['example.com', 'Example.org'] });

    const error = await refusedAsStale(roster, () =>
      roster.environments.setRules(environment.id, { mode: 'domains', domains: ['mine.com'] }, { expectedRules: read }),
    );
    expect(error.issues).toEqual([
      { path: 'mode', message: 'Changed since you read it; now "domains".' },
      { path: 'domains', message: 'Changed since you read it; now example.com, example.org.' },
    ]);
    expect(error.current).toEqual(await roster.environments.getRules(environment.id));
  });

  it('accepts the rules read, compared as stored (normalised), and checks nothing without them', async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment());
    await roster.environments.setRules(environment.id, { mode: 'domains', domains: ['example.com'] });

    const saved = await roster.environments.setRules(
      environment.id,
      { mode: 'domains', domains: ['example.com', 'example.org'] },
      { expectedRules: { mode: 'domains', domains: [' EXAMPLE.com '] } },
    );
    expect(saved.domains.map((entry) => entry.domain)).toEqual(['example.com', 'example.org']);
    expect((await roster.environments.setRules(environment.id, { mode: 'all-internal' })).mode).toBe('all-internal');
  });

  it('refuses malformed expected rules at their path', async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment());
    expect(
      await failureOf(
        roster.environments.setRules(
          environment.id,
          { mode: 'all-internal' },
          { expectedRules: { mode: 'domains', domains: ['com'] } },
        ),
      ),
    ).toEqual({ code: 'validation', paths: ['expectedRules.domains.0'] });
  });
});

describe('subscription.set with expectedSubscription', () => {
  it('refuses a subscription based on another one, naming each changed field, and writes nothing', async ({
    roster,
  }) => {
    await roster.subscription.set({ model: 'internal-external', internalLimit: 100, externalLimit: 10 });
    const read = (await roster.subscription.get())!;
    await roster.subscription.set({ model: 'internal-external', internalLimit: 100, externalLimit: 20, warnAt: 0.8 });

    const error = await refusedAsStale(roster, () =>
      roster.subscription.set({ model: 'named', namedLimit: 500 }, { expectedSubscription: read }),
    );
    expect(error.issues).toEqual([
      { path: 'externalLimit', message: 'Changed since you read it; now 20.' },
      { path: 'warnAt', message: 'Changed since you read it; now 0.8.' },
    ]);
  });

  it('refuses "none was set" once one is, and accepts it on a new database', async ({ roster }) => {
    const first = await roster.subscription.set({ model: 'named', namedLimit: 50 }, { expectedSubscription: null });
    expect(first).toMatchObject({ namedLimit: 50 });

    const error = await refusedAsStale(roster, () =>
      roster.subscription.set({ model: 'named', namedLimit: 60 }, { expectedSubscription: null }),
    );
    expect(error.changed).toEqual(['model', 'namedLimit', 'warnAt']);
  });

  it('accepts the subscription read and checks nothing without it', async ({ roster }) => {
    const read = await roster.subscription.set({ model: 'named', namedLimit: 50 });
    expect(
      await roster.subscription.set({ model: 'named', namedLimit: 70 }, { expectedSubscription: read }),
    ).toMatchObject({ namedLimit: 70 });
    expect(await roster.subscription.set({ model: 'named', namedLimit: 80 })).toMatchObject({ namedLimit: 80 });
  });
});
