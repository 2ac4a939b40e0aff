// @vitest-environment jsdom
// Settings shows the records the gate set apart only when there are some, and lets one download them.
import { screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Roster, UnreadableRecord, UnreadableReport } from '../../src/api';
import UnreadableRecords from '../../src/ui/features/settings/UnreadableRecords.svelte';
import { renderWithRoster } from '../factories/render';

function recordsOf(count: number): UnreadableRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    table: 'groups',
    key: `"g${i}"`,
    problem: `name: expected a string (record ${i})`,
    raw: `{"id":"g${i}","name":${i}}`,
  }));
}

/** A Roster that answers only what the panel reads; `emit` sends the observer a new report. */
function rosterWith(initial: UnreadableReport) {
  const listeners: ((report: UnreadableReport) => void)[] = [];
  const roster = {
    unreadable: () => initial,
    observeUnreadable: () => ({
      subscribe(next: (report: UnreadableReport) => void) {
        listeners.push(next);
        next(initial);
        return { unsubscribe: () => listeners.splice(listeners.indexOf(next), 1) };
      },
    }),
  } as unknown as Roster;
  return { roster, emit: (report: UnreadableReport) => listeners.forEach((listener) => listener(report)) };
}

describe('UnreadableRecords on Settings', () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows nothing while every record reads well', () => {
    const { roster } = rosterWith({ count: 0, records: [] });
    renderWithRoster(UnreadableRecords, {}, roster);
    expect(screen.queryByTestId('unreadable-records')).toBeNull();
  });

  it('says how many records could not be read, lists the first five and counts the rest', () => {
    const { roster } = rosterWith({ count: 7, records: recordsOf(7) });
    renderWithRoster(UnreadableRecords, {}, roster);
    expect(screen.getByRole('heading', { name: '7 records could not be read' })).toBeTruthy();
    const items = screen.getAllByRole('listitem').map((item) => item.textContent);
    expect(items).toHaveLength(6);
    expect(items[0]).toContain('name: expected a string (record 0)');
    expect(items[5]).toBe('and 2 more');
  });

  it('appears when a record is set apart after the page opened', async () => {
    const { roster, emit } = rosterWith({ count: 0, records: [] });
    renderWithRoster(UnreadableRecords, {}, roster);
    emit({ count: 1, records: recordsOf(1) });
    await tick();
    expect(screen.getByRole('heading', { name: '1 record could not be read' })).toBeTruthy();
  });

  it('downloads every record set apart, with its raw text, as JSON', async () => {
    const { roster } = rosterWith({ count: 2, records: recordsOf(2) });
    let saved: Blob | undefined;
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      saved = blob as Blob;
      return 'blob:unreadable';
    });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    renderWithRoster(UnreadableRecords, {}, roster);
    screen.getByRole('button', { name: 'Download them as JSON' }).click();
    expect(JSON.parse(await saved!.text())).toEqual(recordsOf(2));
  });
});
