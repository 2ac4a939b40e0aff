/**
 * Opening a Roster for a test: each on its own database name, with a clock the test
 * controls, so dates in results are predictable and dormancy can be staged.
 */
import { test as base } from 'vitest';
import { openRoster, type Roster } from '../../src/api';

/** The moment every test starts at, unless it moves the clock. */
export const FIXED_NOW = new Date('2026-03-31T09:30:00.000Z');

const DAY_MS = 86_400_000;

/** The date `days` days before (or, negative, after) `from`. */
export function daysBefore(days: number, from: Date = FIXED_NOW): Date {
  return new Date(from.getTime() - days * DAY_MS);
}

/** A clock that stands still until the test moves it. */
export class TestClock {
  #now: Date;

  constructor(start: Date = FIXED_NOW) {
    this.#now = new Date(start);
  }

  /** The current time: a fresh Date each call, so callers cannot move the clock by mutating it. */
  now = (): Date => new Date(this.#now);

  set(date: Date): void {
    this.#now = new Date(date);
  }

  advanceDays(days: number): void {
    this.#now = new Date(this.#now.getTime() + days * DAY_MS);
  }

  advanceMinutes(minutes: number): void {
    this.#now = new Date(this.#now.getTime() + minutes * 60_000);
  }
}

let opened = 0;

/** A database name no other test uses. */
export function uniqueDbName(prefix = 'roster-test'): string {
  opened += 1;
  return `${prefix}-${opened}-${crypto.randomUUID()}`;
}

/** Opens a Roster on a fresh database whose clock is `clock` (fixed at FIXED_NOW by default). */
export function openTestRoster(clock: TestClock = new TestClock(), name: string = uniqueDbName()): Promise<Roster> {
  return openRoster(name, { now: clock.now });
}

export interface RosterFixtures {
  /** The clock the roster reads; fixed at FIXED_NOW until the test moves it. */
  clock: TestClock;
  /** A Roster on a database of its own, closed after the test. */
  roster: Roster;
}

/** `it` with a fresh roster and clock: `it('does x', async ({ roster, clock }) => ...)`. */
export const it = base.extend<RosterFixtures>({
  // eslint-disable-next-line no-empty-pattern -- vitest reads a fixture's dependencies from this pattern
  clock: async ({}, use) => {
    await use(new TestClock());
  },
  roster: async ({ clock }, use) => {
    const roster = await openTestRoster(clock);
    await use(roster);
    roster.close();
  },
});
