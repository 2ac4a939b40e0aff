/**
 * After a load the index builds its maps by id and by username in idle time, not before it
 * answers: a call before they are built builds them at once. Either way every lookup, and every
 * refusal of a taken username, is as before the reload.
 */
import { describe, expect, test } from 'vitest';
import type { Roster } from '../../src/api';
import { failureOf } from '../factories/errors';
import { anEnvironment } from '../factories/inputs';
import { TestClock, openTestRoster, uniqueDbName } from '../factories/roster';

const idle = () => new Promise((resolve) => setTimeout(resolve, 50));

async function lookups(roster: Roster, environmentId: string, tenantId: string, ids: string[]) {
  const byId = await Promise.all(ids.map((id) => roster.users.get(id)));
  return {
    byId: byId.map((user) => user?.username),
    ana: (await roster.users.findByUsername(environmentId, 'ANA'))?.id,
    tenantAna: (await roster.users.findByUsername(environmentId, 'ana', tenantId))?.id,
    nobody: await roster.users.findByUsername(environmentId, 'nobody'),
    clash: await failureOf(roster.users.create({ environmentId, username: 'Bo' })),
  };
}

describe('the maps by id and by username after a load', () => {
  test('answer as before the reload, built at once by an early call or in idle time', async () => {
    const clock = new TestClock();
    const name = uniqueDbName('roster-maps');
    const first = await openTestRoster(clock, name);
    const environment = await first.environments.create(anEnvironment({ name: 'Production EU' }));
    const tenant = await first.tenants.create({ environmentId: environment.id, name: 'Northwind' });
    const users = await first.users.createMany([
      { environmentId: environment.id, username: 'ana' },
      { environmentId: environment.id, username: 'bo' },
      { environmentId: environment.id, tenantId: tenant.id, username: 'ana' },
    ]);
    const ids = users.map((user) => user.id);
    const expected = await lookups(first, environment.id, tenant.id, ids);
    expect(expected).toEqual({
      byId: ['ana', 'bo', 'ana'],
      ana: ids[0],
      tenantAna: ids[2],
      nobody: undefined,
      clash: { code: 'conflict', paths: ['username'] },
    });
    first.close();

    // A call right after the load, before the idle build.
    const early = await openTestRoster(clock, name);
    await early.ready();
    expect(await lookups(early, environment.id, tenant.id, ids)).toEqual(expected);
    // A rename to a taken username is refused; to a free one, found under it at once.
    expect(await failureOf(early.users.update(ids[1]!, { username: 'ANA' }))).toEqual({
      code: 'conflict',
      paths: ['username'],
    });
    await early.users.update(ids[1]!, { username: 'cy' });
    expect((await early.users.findByUsername(environment.id, 'cy'))?.id).toBe(ids[1]);
    expect(await early.users.findByUsername(environment.id, 'bo')).toBeUndefined();
    early.close();

    // Left to the idle build, with no call before it: the same answers.
    const later = await openTestRoster(clock, name);
    await later.ready();
    await idle();
    expect((await later.users.findByUsername(environment.id, 'cy'))?.id).toBe(ids[1]);
    expect((await later.users.get(ids[2]!))?.tenantId).toBe(tenant.id);
    expect(await failureOf(later.users.create({ environmentId: environment.id, username: 'Cy' }))).toEqual({
      code: 'conflict',
      paths: ['username'],
    });
    later.close();
  });
});
