/** The dashboard's chart specs (src/ui/features/dashboard/charts/chart-kit.ts): what each draws, in which colour. */
import { describe, expect, test } from 'vitest';
import { limitsChart, type Theme } from '../../src/ui/features/dashboard/charts/chart-kit';

const THEME: Theme = {
  text: '#111',
  muted: '#666',
  grid: '#ddd',
  internal: '#0a0',
  external: '#a0a',
  named: '#00a',
  limit: '#c00',
};

describe('limitsChart', () => {
  const spec = limitsChart(
    [
      { label: 'Internal', used: 80, max: 100 },
      { label: 'External', used: 130, max: 100 },
    ],
    THEME,
  );
  const [used, limit] = spec.data.datasets;

  test('draws a bar over its limit in the danger colour, the others in the usual one', () => {
    expect(used?.data).toEqual([80, 130]);
    expect(used?.backgroundColor).toEqual([THEME.named, THEME.limit]);
  });

  test('draws the limit as a dash in the text colour, seen over any bar', () => {
    expect(limit?.data).toEqual([100, 100]);
    expect(limit).toMatchObject({ borderColor: THEME.text, pointStyle: 'line' });
  });
});
