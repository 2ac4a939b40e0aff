// @vitest-environment jsdom
/**
 * The Activity page's filters with its list: every control named; environment, kind, action,
 * days and text each narrow the entries and the total; the filters go into the URL; a bulk
 * entry lists its users.
 */
import { fireEvent, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Environment, Roster } from '../../src/api';
import { route } from '../../src/state/route.svelte';
import ActivitySection from '../../src/ui/features/activity/ActivitySection.svelte';
import { renderWithRoster } from '../factories/render';
import { TestClock, openTestRoster } from '../factories/roster';

/** The words of the entries drawn, top to bottom. */
function shownEntries(): string[] {
  return [...document.querySelectorAll('li[data-entry] .words')].map((row) => row.textContent ?? '');
}

describe('ActivityFilters with ActivityList', () => {
  let roster: Roster;
  let eu: Environment;
  let qa: Environment;
  beforeAll(() => {
    // jsdom has <dialog> but not showModal/close: stand-ins that do what Dialog.svelte relies on.
    HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
      this.setAttribute('open', '');
    };
    HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
      this.removeAttribute('open');
      this.dispatchEvent(new Event('close'));
    };
  });

  beforeEach(async () => {
    // The page keeps its filters in the URL: each test starts from a plain one.
    route.replaceParams({});
    const clock = new TestClock(new Date('2026-03-10T12:00:00Z'));
    roster = await openTestRoster(clock);
    eu = await roster.environments.create({ name: 'Production EU', kind: 'production' });
    qa = await roster.environments.create({ name: 'QA', kind: 'non-production' });
    const ana = await roster.users.create({ environmentId: eu.id, username: 'ana.lee', name: 'Ana' });
    clock.advanceDays(5);
    await roster.users.update(ana.id, { name: 'Ana Lee' });
    const crowd = await roster.users.createMany(
      Array.from({ length: 3 }, (_, i) => ({ environmentId: qa.id, username: `qa${i}` })),
    );
    await roster.users.setActiveMany(
      crowd.map((user) => user.id),
      false,
    );
    await roster.groups.create({ environmentId: eu.id, name: 'Sales' });
  });

  afterEach(() => roster.close());

  async function renderSection() {
    renderWithRoster(ActivitySection, {}, roster);
    const user = userEvent.setup();
    await expect.poll(() => screen.getByTestId('activity-total').textContent).toBe('7');
    return user;
  }

  it('names every control and lists every entry newest first, in words', async () => {
    await renderSection();
    expect(screen.getByRole('searchbox', { name: 'Search' })).toBeInTheDocument();
    for (const label of ['Environment', 'About', 'Action'])
      expect(screen.getByRole('combobox', { name: label })).toBeInTheDocument();
    expect(screen.getByLabelText('From')).toHaveAttribute('type', 'date');
    expect(screen.getByLabelText('To')).toHaveAttribute('type', 'date');
    await expect
      .poll(shownEntries)
      .toEqual([
        'Created group Sales',
        'Deactivated 3 users',
        'Created 3 users',
        "Renamed ana.lee: name 'Ana' → 'Ana Lee'",
        'Created ana.lee',
        'Created environment QA',
        'Created environment Production EU',
      ]);
  });

  it('narrows the entries by environment, kind, action, days and text, and keeps them in the URL', async () => {
    const user = await renderSection();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Environment' }), 'QA');
    await expect.poll(shownEntries).toEqual(['Deactivated 3 users', 'Created 3 users', 'Created environment QA']);
    expect(route.params.get('environmentId')).toBe(qa.id);

    await user.selectOptions(screen.getByRole('combobox', { name: 'About' }), 'Users');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Action' }), 'Deactivated in bulk');
    await expect.poll(shownEntries).toEqual(['Deactivated 3 users']);
    expect(screen.getByTestId('activity-total').textContent).toBe('1');

    await user.click(screen.getByRole('button', { name: 'Clear the filters' }));
    await expect.poll(() => screen.getByTestId('activity-total').textContent).toBe('7');

    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'ana lee');
    await expect.poll(shownEntries).toEqual(["Renamed ana.lee: name 'Ana' → 'Ana Lee'"]);
    await user.clear(screen.getByRole('searchbox', { name: 'Search' }));

    // The days before the rename: only what was made on the first day.
    // Date inputs take a whole value at once (typing into them is the browser's own widget).
    const to = screen.getByLabelText('To');
    await fireEvent.input(to, { target: { value: '2026-03-12' } });
    await expect
      .poll(shownEntries)
      .toEqual(['Created ana.lee', 'Created environment QA', 'Created environment Production EU']);
    expect(route.params.get('toDay')).toBe('2026-03-12');
    await fireEvent.input(screen.getByLabelText('From'), { target: { value: '2026-03-13' } });
    await fireEvent.input(to, { target: { value: '' } });
    await expect.poll(() => screen.getByTestId('activity-total').textContent).toBe('4');
  });

  it('refuses a To day before From next to To, and applies To again once it is after', async () => {
    await renderSection();
    const to = screen.getByLabelText('To');
    await fireEvent.input(screen.getByLabelText('From'), { target: { value: '2026-03-13' } });
    await fireEvent.input(to, { target: { value: '2026-03-12' } });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'To (2026-03-12) is before From (2026-03-13): choose a To day on or after From. Until then To is not applied.',
    );
    expect(to).toHaveAttribute('aria-invalid', 'true');
    expect(to).toHaveAccessibleDescription(alert.textContent!);
    // From alone still narrows the list: the four entries made from the 13th on.
    await expect.poll(() => screen.getByTestId('activity-total').textContent).toBe('4');

    // The 13th to the 14th, both whole: a range again, applied (nothing was made on those days).
    await fireEvent.input(to, { target: { value: '2026-03-14' } });
    await expect.poll(() => screen.queryByRole('alert')).toBeNull();
    expect(to).not.toHaveAttribute('aria-invalid');
    await expect.poll(() => screen.getByTestId('activity-total').textContent).toBe('0');
  });

  it('lists the users of a bulk change', async () => {
    const user = await renderSection();
    await user.click(screen.getByRole('button', { name: 'List the 3 users of “Deactivated 3 users”' }));
    const dialog = await screen.findByRole('dialog', { name: 'Deactivated 3 users' });
    await expect
      .poll(() =>
        within(dialog)
          .queryAllByRole('link')
          .map((link) => link.textContent),
      )
      .toEqual(['qa0', 'qa1', 'qa2']);
    expect(within(dialog).getByRole('status').textContent).toBe('Showing 3 of 3');
  });

  it('says when no entry matches', async () => {
    const user = await renderSection();
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'nothing like this');
    expect(await screen.findByText('No entry matches the filters. Clear them to see every entry.')).toBeInTheDocument();
  });
});
