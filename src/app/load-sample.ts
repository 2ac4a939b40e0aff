/**
 * "Load sample data" on the welcome page: the sample environments, the first of them chosen,
 * and a word that it is done.
 */
import type { Roster } from '../api';
import { chosenEnvironment } from '../state/chosen-environment.svelte';
import { toasts } from '../state/toasts.svelte';
import { SAMPLE_FIRST_ENVIRONMENT, loadSampleData } from './sample-data';

export async function loadSample(roster: Roster): Promise<void> {
  await loadSampleData(roster);
  const first = (await roster.environments.list()).find((environment) => environment.name === SAMPLE_FIRST_ENVIRONMENT);
  if (first) chosenEnvironment.select(first.id);
  toasts.show('Sample data loaded: four environments with their users, groups and roles.');
}
