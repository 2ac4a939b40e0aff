import { describe, expect } from 'vitest';
import type { Roster, UserCreateInput, UserListItem } from '../../src/api';
import { rosterErrorOf } from '../factories/errors';
import { FIXED_NOW, daysBefore, it } from '../factories/roster';

/** A mixed population over a production and a non-production environment, logins spread over a year. */
async function population(roster: Roster) {
  const rules = { mode: 'domains' as const, domains: ['example.com'] };
  const production = await roster.environments.create({ name: 'Production', kind: 'production', rules });
  const qa = await roster.environments.create({ name: 'QA', kind: 'non-production', rules });
  const inputs: UserCreateInput[] = [];
  for (let i = 0; i < 240; i++) {
    const environmentId = i % 3 === 0 ? qa.id : production.id;
    inputs.push({
      environmentId,
      username: `user-${i}`,
      email: i % 11 === 0 ? undefined : `u${i}@${i % 2 ? 'example.com' : 'gmail.com'}`,
      isActive: i % 13 !== 0,
      // Every seventh never logged in; the others logged in up to 365 days ago.
      lastLogin: i % 7 === 0 ? undefined : daysBefore((i * 37) % 365).toISOString(),
    });
  }
  await roster.users.createMany(inputs);
  return { production, qa };
}

function countsOf(users: UserListItem[], environmentId: string) {
  const mine = users.filter((user) => user.environmentId === environmentId);
  const count = (wanted: string) => mine.filter((user) => user.class === wanted).length;
  return { internal: count('internal'), external: count('external'), anonymous: count('anonymous') };
}

describe('users.dormantCounts', () => {
  it.for([1, 30, 90, 200, 400])(
    'equals the counts of the full dormant list at %i days',
    async (days, { roster, clock }) => {
      // Users created a year and a half ago, so that those never logged in are dormant at every threshold.
      clock.set(daysBefore(540));
      const { production, qa } = await population(roster);
      clock.set(FIXED_NOW);
      const full = await roster.users.dormant({ days });
      const counts = await roster.users.dormantCounts({ days });

      expect(counts.environments).toEqual([
        { environmentId: production.id, production: true, ...countsOf(full, production.id) },
        { environmentId: qa.id, production: false, ...countsOf(full, qa.id) },
      ]);
      const inProduction = countsOf(full, production.id);
      expect(counts.production).toEqual({
        internal: inProduction.internal,
        external: inProduction.external,
        named: inProduction.internal + inProduction.external,
      });
      const named = (await roster.users.dormant({ days, class: 'named', production: true })).length;
      expect(counts.production.named).toBe(named);
    },
  );

  it('follows a write at once: a deactivated dormant user stops counting', async ({ roster }) => {
    const { production } = await population(roster);
    const before = await roster.users.dormantCounts({ environmentId: production.id, now: FIXED_NOW });
    const [first] = await roster.users.dormant({ environmentId: production.id, class: 'external', now: FIXED_NOW });
    await roster.users.setActive(first!.id, false);
    const after = await roster.users.dormantCounts({ environmentId: production.id, now: FIXED_NOW });
    expect(after.environments[0]!.external).toBe(before.environments[0]!.external - 1);
    expect(after.environments[0]!.internal).toBe(before.environments[0]!.internal);
  });

  it('follows a login: a dormant user who logs in leaves the counts and the list; a rename changes neither', async ({
    roster,
  }) => {
    const { production } = await population(roster);
    const query = { environmentId: production.id, now: FIXED_NOW };
    const before = await roster.users.dormantCounts(query);
    const [first, second] = (await roster.users.dormantPage({ ...query, class: 'external' })).items;
    await roster.users.update(second!.id, { name: 'Renamed' });
    expect(await roster.users.dormantCounts(query)).toEqual(before);
    const renamed = (await roster.users.dormantPage({ ...query, class: 'external' })).items[1]!;
    expect([renamed.id, renamed.name]).toEqual([second!.id, 'Renamed']);

    await roster.users.update(first!.id, { lastLogin: FIXED_NOW.toISOString() });
    const after = await roster.users.dormantCounts(query);
    expect(after.environments[0]!.external).toBe(before.environments[0]!.external - 1);
    expect(await roster.users.dormantIds({ ...query, class: 'external' })).not.toContain(first!.id);
  });

  it('follows a rule change: a domain added moves its dormant users from external to internal', async ({ roster }) => {
    const { production } = await population(roster);
    const before = await roster.users.dormantCounts({ environmentId: production.id, now: FIXED_NOW });
    await roster.environments.setRules(production.id, { mode: 'domains', domains: ['example.com', 'gmail.com'] });
    const after = await roster.users.dormantCounts({ environmentId: production.id, now: FIXED_NOW });
    expect(after.environments[0]!.external).toBe(0);
    expect(after.environments[0]!.internal).toBe(before.environments[0]!.internal + before.environments[0]!.external);
  });

  it('refuses a bad threshold, naming the field, and an unknown environment', async ({ roster }) => {
    const error = await rosterErrorOf(roster.users.dormantCounts({ days: 0 }));
    expect(error.issues.map((issue) => issue.path)).toEqual(['days']);
    expect((await rosterErrorOf(roster.users.dormantCounts({ environmentId: 'nope' }))).code).toBe('not-found');
  });
});

describe('users.dormantPage and users.dormantIds', () => {
  it('pages through every match, never logged in first, then oldest login first', async ({ roster, clock }) => {
    clock.set(daysBefore(540));
    await population(roster);
    clock.set(FIXED_NOW);
    const query = { days: 60, class: 'named' as const, production: true };
    const expected = await roster.users.dormant(query);
    const seen: UserListItem[] = [];
    for (let offset = 0; ; offset += 25) {
      const page = await roster.users.dormantPage({ ...query, offset, limit: 25 });
      expect(page.total).toBe(expected.length);
      if (page.items.length === 0) break;
      seen.push(...page.items);
    }
    expect(seen.map((user) => user.id).sort()).toEqual(expected.map((user) => user.id).sort());
    const logins = seen.map((user) => user.lastLogin ?? '');
    const firstLogin = logins.findIndex((login) => login !== '');
    expect(firstLogin).toBeGreaterThan(0);
    expect(logins.slice(firstLogin).every((login) => login !== '')).toBe(true);
    expect(logins.slice(firstLogin)).toEqual([...logins.slice(firstLogin)].sort());
    expect(seen.every((user) => user.class === 'internal' || user.class === 'external')).toBe(true);
    expect(await roster.users.dormantIds(query)).toEqual(seen.map((user) => user.id));
  });

  it('merges environments by login date', async ({ roster }) => {
    await population(roster);
    const page = await roster.users.dormantPage({ now: FIXED_NOW, days: 30, limit: 10_000 });
    const logins = page.items.filter((user) => user.lastLogin).map((user) => user.lastLogin!);
    expect(new Set(page.items.map((user) => user.environmentId)).size).toBe(2);
    expect(logins).toEqual([...logins].sort());
  });

  it('after a rule change: the whole list stays as it was, the list of one class follows the rules', async ({
    roster,
  }) => {
    const { production } = await population(roster);
    const query = { now: FIXED_NOW, days: 30 };
    const whole = await roster.users.dormantPage({ ...query, limit: 10_000 });
    const externalBefore = await roster.users.dormantIds({ ...query, class: 'external' });
    expect(externalBefore.length).toBeGreaterThan(0);
    await roster.environments.setRules(production.id, { mode: 'domains', domains: ['example.com', 'gmail.com'] });
    const after = await roster.users.dormantPage({ ...query, limit: 10_000 });
    expect(after.items.map((user) => user.id)).toEqual(whole.items.map((user) => user.id));
    // The same users, now classed by the new rules.
    const gmail = after.items.filter(
      (user) => user.environmentId === production.id && user.email?.endsWith('gmail.com'),
    );
    expect(gmail.length).toBeGreaterThan(0);
    expect(gmail.every((user) => user.class === 'internal')).toBe(true);
    const externalAfter = await roster.users.dormantIds({ ...query, class: 'external' });
    expect(externalAfter.length).toBeLessThan(externalBefore.length);
  });

  it('merges three environments by login date, a tie in the order of the environments', async ({ roster }) => {
    const environments = [];
    for (const name of ['A', 'B', 'C'])
      environments.push(
        await roster.environments.create({ name, kind: 'production', rules: { mode: 'all-internal' } }),
      );
    const inputs: UserCreateInput[] = [];
    for (let i = 0; i < 90; i++) {
      // Logins on 30 days, each day shared by a user of each environment (created in reverse order).
      inputs.push({
        environmentId: environments[2 - (i % 3)]!.id,
        username: `u${i}`,
        lastLogin: daysBefore(100 + Math.floor(i / 3)).toISOString(),
      });
    }
    await roster.users.createMany(inputs);
    const page = await roster.users.dormantPage({ now: FIXED_NOW, days: 30, limit: 10_000 });
    const rank = new Map(environments.map((environment, i) => [environment.id, i]));
    const expected = [...page.items].sort(
      (a, b) =>
        a.lastLogin!.localeCompare(b.lastLogin!) ||
        rank.get(a.environmentId)! - rank.get(b.environmentId)! ||
        a.username.localeCompare(b.username),
    );
    expect(page.items).toHaveLength(90);
    expect(page.items.map((user) => [user.lastLogin, user.environmentId])).toEqual(
      expected.map((user) => [user.lastLogin, user.environmentId]),
    );
  });

  it('refuses a page too large, naming the field', async ({ roster }) => {
    const error = await rosterErrorOf(roster.users.dormantPage({ limit: 20_000 }));
    expect(error.issues.map((issue) => issue.path)).toEqual(['limit']);
  });
});
