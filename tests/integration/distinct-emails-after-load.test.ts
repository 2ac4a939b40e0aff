/**
 * After a load the index counts the distinct emails in idle time, not before it answers: until
 * then usage gives the count stored with every write, and a write counts them at once. Either
 * way the figure is the one a full count gives.
 */
import { describe, expect, test } from 'vitest';
import { anEnvironment } from '../factories/inputs';
import { TestClock, openTestRoster, uniqueDbName } from '../factories/roster';

const idle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('distinct emails after a load', () => {
  test('are the stored count at once, then the counted one, and a write right after a load counts right', async () => {
    const clock = new TestClock();
    const name = uniqueDbName('roster-distinct');
    const first = await openTestRoster(clock, name);
    const environment = await first.environments.create(anEnvironment({ name: 'Production EU' }));
    await first.users.createMany([
      { environmentId: environment.id, username: 'ana', email: 'ana@example.com' },
      { environmentId: environment.id, username: 'ana2', email: 'ANA@example.com' },
      { environmentId: environment.id, username: 'bo', email: 'bo@example.com' },
      { environmentId: environment.id, username: 'cy@example.com' },
      { environmentId: environment.id, username: 'gone', email: 'gone@example.com', isActive: false },
    ]);
    expect((await first.usage()).production.distinctEmails).toBe(3);
    first.close();

    const second = await openTestRoster(clock, name);
    await second.ready();
    expect((await second.usage()).production.distinctEmails).toBe(3);
    // A write before the idle count is done: ana's address in a third case is no new person; dee is.
    await second.users.createMany([
      { environmentId: environment.id, username: 'ana3', email: 'Ana@Example.com' },
      { environmentId: environment.id, username: 'dee', email: 'dee@example.com' },
    ]);
    expect((await second.usage()).production.distinctEmails).toBe(4);
    await idle();
    expect((await second.usage()).production.distinctEmails).toBe(4);
    second.close();

    // Left to count in idle time, with no write: the same figure.
    const third = await openTestRoster(clock, name);
    await third.ready();
    await idle();
    await third.users.setActive((await third.users.findByUsername(environment.id, 'gone'))!.id, true);
    expect((await third.usage()).production.distinctEmails).toBe(5);
    third.close();
  });
});
