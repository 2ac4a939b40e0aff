// @vitest-environment jsdom
import { screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Environment, Roster } from '../../src/api';
import EnvironmentRulesEditor from '../../src/ui/features/environments/EnvironmentRulesEditor.svelte';
import { renderWithRoster } from '../factories/render';
import { openTestRoster } from '../factories/roster';

describe('EnvironmentRulesEditor', () => {
  let roster: Roster;
  let environment: Environment;

  beforeEach(async () => {
    roster = await openTestRoster();
    environment = await roster.environments.create({ name: 'Production EU', kind: 'production' });
    await roster.users.createMany([
      { environmentId: environment.id, username: 'ana', email: 'ana@example.com' },
      { environmentId: environment.id, username: 'bob', email: 'bob@gmail.com' },
      { environmentId: environment.id, username: 'cid', email: 'cid@gmail.com' },
    ]);
  });

  afterEach(() => roster.close());

  async function renderEditor() {
    renderWithRoster(
      EnvironmentRulesEditor,
      { environmentId: environment.id, rules: await roster.environments.getRules(environment.id) },
      roster,
    );
    return userEvent.setup();
  }

  const preview = () => screen.getByTestId('rules-preview').textContent;

  it('previews who would become external before anything is saved', async () => {
    const user = await renderEditor();

    await user.click(screen.getByRole('radio', { name: /Only users whose email domain/ }));
    await user.click(screen.getByRole('button', { name: 'Add a domain' }));
    await user.type(screen.getByRole('textbox', { name: 'Domain 1' }), 'example.com');

    await expect.poll(preview).toBe('2 users would become external: internal 1, external 2.');
    expect(await roster.environments.getRules(environment.id)).toEqual({ mode: 'all-internal', domains: [] });
  });

  it('shows the message of a bad entry next to it, and saves nothing', async () => {
    const user = await renderEditor();

    await user.click(screen.getByRole('radio', { name: /Only users whose email domain/ }));
    await user.click(screen.getByRole('button', { name: 'Add a domain' }));
    const entry = screen.getByRole('textbox', { name: 'Domain 1' });
    await user.type(entry, '*.com');
    await user.click(screen.getByRole('button', { name: 'Save rules' }));

    await expect.poll(() => entry.getAttribute('aria-invalid')).toBe('true');
    expect(entry).toHaveAccessibleDescription(/\*\.com/);
    expect(await roster.environments.getRules(environment.id)).toEqual({ mode: 'all-internal', domains: [] });
  });

  it('saves the normalised rules with their relation', async () => {
    const user = await renderEditor();

    await user.click(screen.getByRole('radio', { name: /Only users whose email domain/ }));
    await user.click(screen.getByRole('button', { name: 'Add a domain' }));
    await user.type(screen.getByRole('textbox', { name: 'Domain 1' }), 'Example.COM');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Relation of domain 1' }), 'parent');
    await user.click(screen.getByRole('button', { name: 'Save rules' }));

    await expect.poll(() => screen.queryByText('Rules saved.')).not.toBeNull();
    expect(await roster.environments.getRules(environment.id)).toEqual({
      mode: 'domains',
      domains: [{ domain: 'example.com', relation: 'parent' }],
    });
    expect(screen.getByRole('textbox', { name: 'Domain 1' })).toHaveValue('example.com');
  });

  it('refuses to save over rules changed in another tab, says what changed, and loads them on request', async () => {
    const user = await renderEditor();
    await roster.environments.setRules(environment.id, { mode: 'domains', domains: ['example.org'] });

    await user.click(screen.getByRole('radio', { name: /Only users whose email domain/ }));
    await user.click(screen.getByRole('button', { name: 'Add a domain' }));
    await user.type(screen.getByRole('textbox', { name: 'Domain 1' }), 'example.com');
    await user.click(screen.getByRole('button', { name: 'Save rules' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Changed in another tab since you opened it.');
    expect(alert).toHaveTextContent('Owned domains: Changed since you read it; now example.org.');
    expect(await roster.environments.getRules(environment.id)).toEqual({
      mode: 'domains',
      domains: [{ domain: 'example.org', relation: 'own' }],
    });

    await user.click(screen.getByRole('button', { name: 'Load the newer version' }));
    expect(screen.getByRole('textbox', { name: 'Domain 1' })).toHaveValue('example.org');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
