import { describe, expect, it } from 'vitest';
import { DEFAULT_DORMANT_DAYS, isDormant } from '../../src/domain';

const DAY = 86_400_000;
const now = new Date('2025-06-30T12:00:00.000Z');
const ago = (ms: number): string => new Date(now.getTime() - ms).toISOString();
const longAgo = '2020-01-01T00:00:00.000Z';

describe('isDormant', () => {
  it('uses 90 days by default', () => {
    expect(DEFAULT_DORMANT_DAYS).toBe(90);
    expect(isDormant({ isActive: true, lastLogin: ago(90 * DAY), createdAt: longAgo }, now)).toBe(true);
    expect(isDormant({ isActive: true, lastLogin: ago(90 * DAY - 1), createdAt: longAgo }, now)).toBe(false);
  });

  it.each([
    { lastLogin: ago(0), dormant: false, why: 'logged in just now' },
    { lastLogin: ago(89 * DAY), dormant: false, why: 'last logged in 89 days ago' },
    { lastLogin: ago(90 * DAY - 1), dormant: false, why: 'last logged in one millisecond short of 90 days ago' },
    { lastLogin: ago(90 * DAY), dormant: true, why: 'last logged in exactly 90 days ago' },
    { lastLogin: ago(90 * DAY + 1), dormant: true, why: 'last logged in just over 90 days ago' },
    { lastLogin: ago(365 * DAY), dormant: true, why: 'last logged in a year ago' },
  ])('says an active user who $why is dormant: $dormant', ({ lastLogin, dormant }) => {
    expect(isDormant({ isActive: true, lastLogin, createdAt: longAgo }, now)).toBe(dormant);
  });

  it.each([
    { createdAt: ago(0), dormant: false, why: 'created just now' },
    { createdAt: ago(89 * DAY), dormant: false, why: 'created 89 days ago' },
    { createdAt: ago(90 * DAY), dormant: false, why: 'created exactly 90 days ago' },
    { createdAt: ago(90 * DAY + 1), dormant: true, why: 'created just over 90 days ago' },
    { createdAt: ago(91 * DAY), dormant: true, why: 'created 91 days ago' },
  ])('says a never-logged-in user $why is dormant: $dormant', ({ createdAt, dormant }) => {
    expect(isDormant({ isActive: true, createdAt }, now)).toBe(dormant);
    expect(isDormant({ isActive: true, lastLogin: '', createdAt }, now)).toBe(dormant);
  });

  it('judges by the last login, not the creation date, once the user has logged in', () => {
    expect(isDormant({ isActive: true, lastLogin: ago(DAY), createdAt: longAgo }, now)).toBe(false);
  });

  it.each([
    { why: 'last logged in long ago', user: { isActive: false, lastLogin: longAgo, createdAt: longAgo } },
    { why: 'never logged in and created long ago', user: { isActive: false, createdAt: longAgo } },
  ])('never says an inactive user who $why is dormant', ({ user }) => {
    expect(isDormant(user, now)).toBe(false);
    expect(isDormant(user, now, 1)).toBe(false);
  });

  it.each([
    { days: 30, lastLogin: ago(29 * DAY), dormant: false },
    { days: 30, lastLogin: ago(30 * DAY), dormant: true },
    { days: 180, lastLogin: ago(179 * DAY), dormant: false },
    { days: 180, lastLogin: ago(180 * DAY), dormant: true },
    { days: 180, lastLogin: ago(100 * DAY), dormant: false },
  ])('with $days days, says a user last seen at $lastLogin is dormant: $dormant', ({ days, lastLogin, dormant }) => {
    expect(isDormant({ isActive: true, lastLogin, createdAt: longAgo }, now, days)).toBe(dormant);
  });

  it.each([
    { days: 30, createdAt: ago(30 * DAY), dormant: false },
    { days: 30, createdAt: ago(30 * DAY + 1), dormant: true },
    { days: 180, createdAt: ago(100 * DAY), dormant: false },
  ])(
    'with $days days, says a never-logged-in user created at $createdAt is dormant: $dormant',
    ({ days, createdAt, dormant }) => {
      expect(isDormant({ isActive: true, createdAt }, now, days)).toBe(dormant);
    },
  );

  it('reads the time it is given, not the clock', () => {
    const user = { isActive: true, lastLogin: '2025-01-01T00:00:00.000Z', createdAt: longAgo };
    expect(isDormant(user, new Date('2025-03-01T00:00:00.000Z'))).toBe(false);
    expect(isDormant(user, new Date('2025-04-01T00:00:00.000Z'))).toBe(true);
  });
});
