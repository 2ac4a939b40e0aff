// @vitest-environment jsdom
// A client tenant's history in its editor: the counts over time (with the numbers as a table),
// the peaks of the billing period and a forecast per limit of its own.
import { screen, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Roster, TenantSummary } from '../../src/api';
import { formatDay } from '../../src/ui/format';
import TenantHistoryPanel from '../../src/ui/features/tenants/TenantHistoryPanel.svelte';
import { renderWithRoster } from '../factories/render';
import { openTestRoster, TestClock } from '../factories/roster';

describe("a tenant's history and forecast", () => {
  let roster: Roster;
  let clock: TestClock;
  let northwind: TenantSummary;

  const summary = async (environmentId: string, id: string) =>
    (await roster.tenants.list(environmentId)).find((tenant) => tenant.id === id)!;

  beforeEach(async () => {
    // jsdom has no media queries; the chart follows the colour scheme through one.
    window.matchMedia = (query: string) =>
      ({ matches: false, media: query, addEventListener() {}, removeEventListener() {} }) as unknown as MediaQueryList;
    clock = new TestClock();
    roster = await openTestRoster(clock);
    const environment = await roster.environments.create({ name: 'Production EU', kind: 'production' });
    const created = await roster.tenants.create({ environmentId: environment.id, name: 'Northwind' });
    await roster.tenants.setRules(created.id, { mode: 'domains', domains: ['northwind.example'] });
    northwind = await summary(environment.id, created.id);
  });

  afterEach(() => roster.close());

  /** Three guests a day for ten days, the history recorded each day. */
  async function tenDaysOfGuests() {
    for (let day = 0; day < 10; day++) {
      await roster.users.createMany(
        [0, 1, 2].map((n) => ({
          environmentId: northwind.environmentId,
          tenantId: northwind.id,
          username: `guest-${day}-${n}`,
          email: `guest-${day}-${n}@gmail.com`,
        })),
      );
      await roster.history.record();
      if (day < 9) clock.advanceDays(1);
    }
  }

  it('draws the counts day by day with the numbers as a table, and the peaks of the period', async () => {
    await tenDaysOfGuests();
    renderWithRoster(TenantHistoryPanel, { tenant: northwind }, roster);

    const peaks = await screen.findByTestId('tenant-peaks');
    expect(peaks).toHaveTextContent(`external 30 on ${formatDay('2026-04-09')}`);
    const [first, last] = [formatDay('2026-03-31'), formatDay('2026-04-09')];
    expect(screen.getByRole('img', { name: `Northwind's counts on 10 days, from ${first} to ${last}` }));
    const table = screen.getByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(11);
    expect(within(table).getAllByRole('row').at(-1)).toHaveTextContent(`${last}0303`);
    expect(screen.getByText('Give Northwind its own limits to see when it would reach them.')).toBeInTheDocument();
  });

  it('says when each of its own limits would be reached at the recent rate', async () => {
    await tenDaysOfGuests();
    await roster.tenants.setLimits(northwind.id, {
      model: 'internal-external',
      internalLimit: 10,
      externalLimit: 45,
      warnAt: 0.8,
    });
    renderWithRoster(TenantHistoryPanel, { tenant: await summary(northwind.environmentId, northwind.id) }, roster);

    const forecasts = await screen.findByTestId('tenant-forecasts');
    const external = within(forecasts).getByText(/external limit/);
    expect(external).toHaveTextContent(/^At this rate the external limit is reached around 15 April 2026\.$/);
  });

  it("says the history starts today on a tenant's first day", async () => {
    renderWithRoster(TenantHistoryPanel, { tenant: northwind }, roster);
    expect(await screen.findByText(/Northwind's history starts today/)).toBeInTheDocument();
  });
});
