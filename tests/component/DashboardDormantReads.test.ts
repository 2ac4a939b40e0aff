// @vitest-environment jsdom
// The dashboard reads the dormant counts once as it opens: the threshold it starts with is the
// one applied, so no second read follows (on a cold start it would queue behind the users being
// loaded); a threshold typed in is applied once typing pauses.
import { fireEvent, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DormantCountsQuery, Roster } from '../../src/api';
import Dashboard from '../../src/ui/features/dashboard/Dashboard.svelte';
import { renderWithRoster } from '../factories/render';
import { openTestRoster } from '../factories/roster';

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the dashboard's dormant reads", () => {
  let roster: Roster;
  let queries: DormantCountsQuery[];

  beforeEach(async () => {
    localStorage.clear();
    // jsdom has no media queries; the charts follow the colour scheme through one.
    window.matchMedia = (query: string) =>
      ({ matches: false, media: query, addEventListener() {}, removeEventListener() {} }) as unknown as MediaQueryList;
    roster = await openTestRoster();
    const production = await roster.environments.create({ name: 'Production EU', kind: 'production' });
    await roster.users.create({ environmentId: production.id, username: 'ana', email: 'ana@example.com' });
    queries = [];
    const counts = roster.users.dormantCounts.bind(roster.users);
    vi.spyOn(roster.users, 'dormantCounts').mockImplementation((query) => {
      queries.push(query ?? {});
      return counts(query);
    });
  });

  afterEach(() => roster.close());

  it('reads once as it opens, and again once a new threshold is typed', async () => {
    renderWithRoster(Dashboard, {}, roster, { usage: await roster.usage() });
    await settle(700);
    expect(queries.map((query) => query.days)).toEqual([90]);

    await fireEvent.input(await screen.findByLabelText(/Not logged in for/), { target: { value: '30' } });
    await settle(700);
    expect(queries.map((query) => query.days)).toEqual([90, 30]);
  });
});
