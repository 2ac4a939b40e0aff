import { describe, expect, it } from 'vitest';
import { DEFAULT_WARN_AT, evaluateLimits, limitStatus, type Subscription } from '../../src/domain';

const totals = (internal: number, external: number) => ({ internal, external, named: internal + external });

describe('limitStatus', () => {
  it('warns at 90 % by default', () => {
    expect(DEFAULT_WARN_AT).toBe(0.9);
  });

  it.each([
    { used: 0, max: 100, status: 'ok' },
    { used: 89, max: 100, status: 'ok' },
    { used: 90, max: 100, status: 'near' },
    { used: 99, max: 100, status: 'near' },
    { used: 100, max: 100, status: 'near' },
    { used: 101, max: 100, status: 'over' },
    { used: 250, max: 100, status: 'over' },
    { used: 8, max: 10, status: 'ok' },
    { used: 9, max: 10, status: 'near' },
    { used: 10, max: 10, status: 'near' },
    { used: 11, max: 10, status: 'over' },
    { used: 899, max: 1000, status: 'ok' },
    { used: 900, max: 1000, status: 'near' },
    { used: 1000, max: 1000, status: 'near' },
    { used: 1001, max: 1000, status: 'over' },
    { used: 44, max: 50, status: 'ok' },
    { used: 45, max: 50, status: 'near' },
    { used: 1, max: 0, status: 'over' },
  ])('is $status with $used of $max at the default threshold', ({ used, max, status }) => {
    expect(limitStatus(used, max, DEFAULT_WARN_AT)).toBe(status);
  });

  it('is near at exactly 90 % of every limit up to 10 000', () => {
    for (let max = 10; max <= 10_000; max += 10) {
      expect(limitStatus((max * 9) / 10, max, DEFAULT_WARN_AT)).toBe('near');
      expect(limitStatus((max * 9) / 10 - 1, max, DEFAULT_WARN_AT)).toBe('ok');
    }
  });

  it.each([
    { used: 7, max: 10, warnAt: 0.8, status: 'ok' },
    { used: 8, max: 10, warnAt: 0.8, status: 'near' },
    { used: 49, max: 100, warnAt: 0.5, status: 'ok' },
    { used: 50, max: 100, warnAt: 0.5, status: 'near' },
    { used: 74, max: 100, warnAt: 0.75, status: 'ok' },
    { used: 75, max: 100, warnAt: 0.75, status: 'near' },
    { used: 94, max: 100, warnAt: 0.95, status: 'ok' },
    { used: 95, max: 100, warnAt: 0.95, status: 'near' },
    { used: 99, max: 100, warnAt: 1, status: 'ok' },
    { used: 100, max: 100, warnAt: 1, status: 'near' },
    { used: 101, max: 100, warnAt: 1, status: 'over' },
    { used: 101, max: 100, warnAt: 0.5, status: 'over' },
  ])('is $status with $used of $max at a custom threshold of $warnAt', ({ used, max, warnAt, status }) => {
    expect(limitStatus(used, max, warnAt)).toBe(status);
  });
});

describe('evaluateLimits', () => {
  it('has no limits without a subscription', () => {
    expect(evaluateLimits(totals(500, 500), undefined)).toEqual([]);
  });

  describe('the internal-external model', () => {
    const subscription: Subscription = {
      model: 'internal-external',
      internalLimit: 100,
      externalLimit: 20,
      warnAt: DEFAULT_WARN_AT,
    };

    it('compares internal and external users each against its own limit', () => {
      expect(evaluateLimits(totals(50, 10), subscription)).toEqual([
        { limit: 'internal', used: 50, max: 100, remaining: 50, status: 'ok' },
        { limit: 'external', used: 10, max: 20, remaining: 10, status: 'ok' },
      ]);
    });

    it.each([
      { internal: 101, external: 5, statuses: ['over', 'ok'], why: 'internal over while external is fine' },
      { internal: 10, external: 21, statuses: ['ok', 'over'], why: 'external over while internal is fine' },
      { internal: 90, external: 18, statuses: ['near', 'near'], why: 'both at exactly 90 %' },
      { internal: 100, external: 20, statuses: ['near', 'near'], why: 'both exactly at the limit' },
      { internal: 89, external: 17, statuses: ['ok', 'ok'], why: 'both just under 90 %' },
      { internal: 101, external: 21, statuses: ['over', 'over'], why: 'both one over the limit' },
    ])('reports $why', ({ internal, external, statuses }) => {
      expect(evaluateLimits(totals(internal, external), subscription).map((l) => l.status)).toEqual(statuses);
    });

    it('does not let spare internal licences cover external users', () => {
      const [internalLimit, externalLimit] = evaluateLimits(totals(0, 21), subscription);
      expect(internalLimit?.status).toBe('ok');
      expect(externalLimit?.status).toBe('over');
    });

    it('gives a negative remaining count when over', () => {
      const [internalLimit, externalLimit] = evaluateLimits(totals(103, 25), subscription);
      expect(internalLimit?.remaining).toBe(-3);
      expect(externalLimit?.remaining).toBe(-5);
    });

    it('uses the subscription warning threshold', () => {
      const custom: Subscription = { ...subscription, warnAt: 0.5 };
      expect(evaluateLimits(totals(50, 9), custom).map((l) => l.status)).toEqual(['near', 'ok']);
      expect(evaluateLimits(totals(49, 10), custom).map((l) => l.status)).toEqual(['ok', 'near']);
    });
  });

  describe('the named model', () => {
    const subscription: Subscription = { model: 'named', namedLimit: 100, warnAt: DEFAULT_WARN_AT };

    it('compares internal + external against one limit', () => {
      expect(evaluateLimits(totals(60, 20), subscription)).toEqual([
        { limit: 'named', used: 80, max: 100, remaining: 20, status: 'ok' },
      ]);
    });

    it.each([
      { internal: 60, external: 29, status: 'ok', remaining: 11 },
      { internal: 60, external: 30, status: 'near', remaining: 10 },
      { internal: 70, external: 30, status: 'near', remaining: 0 },
      { internal: 70, external: 31, status: 'over', remaining: -1 },
      { internal: 0, external: 101, status: 'over', remaining: -1 },
      { internal: 150, external: 0, status: 'over', remaining: -50 },
    ])(
      'is $status with $internal internal and $external external users',
      ({ internal, external, status, remaining }) => {
        expect(evaluateLimits(totals(internal, external), subscription)).toEqual([
          { limit: 'named', used: internal + external, max: 100, remaining, status },
        ]);
      },
    );

    it('uses the subscription warning threshold', () => {
      const custom: Subscription = { model: 'named', namedLimit: 10, warnAt: 0.8 };
      expect(evaluateLimits(totals(4, 3), custom)[0]?.status).toBe('ok');
      expect(evaluateLimits(totals(4, 4), custom)[0]?.status).toBe('near');
    });
  });
});

describe('limitStatus at thresholds that binary fractions cannot hold exactly', () => {
  it.each([
    [55, 100, 0.55],
    [7, 100, 0.07],
    [14, 100, 0.14],
    [56, 100, 0.56],
    [8100, 10000, 0.81],
  ])('is near at exactly the threshold: %i of %i at %f', (used, max, warnAt) => {
    expect(limitStatus(used, max, warnAt)).toBe('near');
    expect(limitStatus(used - 1, max, warnAt)).toBe('ok');
  });

  it('calls an empty limit with no users ok, and any user on it over', () => {
    expect(limitStatus(0, 0, 0.9)).toBe('ok');
    expect(limitStatus(1, 0, 0.9)).toBe('over');
  });
});
