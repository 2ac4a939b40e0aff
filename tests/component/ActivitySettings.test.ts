// @vitest-environment jsdom
// Settings › Activity: the retention a person types is saved (and a bad one refused, naming why).
import { screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Roster } from '../../src/api';
import ActivitySettings from '../../src/ui/features/settings/ActivitySettings.svelte';
import { renderWithRoster } from '../factories/render';
import { openTestRoster } from '../factories/roster';

describe('ActivitySettings: retention', () => {
  let roster: Roster;

  beforeEach(async () => {
    roster = await openTestRoster();
  });

  afterEach(() => roster.close());

  async function keepDays(typed: string) {
    const user = userEvent.setup();
    renderWithRoster(ActivitySettings, {}, roster);
    await user.click(screen.getByRole('radio', { name: /Only the last/ }));
    const days = screen.getByRole('spinbutton', { name: 'Days to keep' });
    await user.clear(days);
    if (typed) await user.type(days, typed);
    await user.click(screen.getByRole('button', { name: 'Save the retention' }));
  }

  it('keeps the last 30 days once saved, and says so', async () => {
    await keepDays('30');
    expect(await screen.findByText(/The log keeps the last 30 days\./)).toBeTruthy();
    expect(await roster.activity.retention()).toEqual({ days: 30 });
  });

  it('refuses 0 days with a message, and keeps every entry', async () => {
    await keepDays('0');
    expect((await screen.findByRole('alert')).textContent).toMatch(/\S/);
    expect(await roster.activity.retention()).toEqual({ days: null });
  });
});
