// @vitest-environment jsdom
// The words of each limit's banner at ok, near and over, for both subscription models.
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { LimitUsage } from '../../src/api';
import { evaluateLimits } from '../../src/domain';
import LimitBanners from '../../src/ui/features/dashboard/LimitBanners.svelte';

function banner(limit: LimitUsage['limit']): HTMLElement {
  const element = document.querySelector<HTMLElement>(`[data-limit="${limit}"]`);
  if (!element) throw new Error(`No banner for the ${limit} limit.`);
  return element;
}

function renderLimits(limits: LimitUsage[], dormantByLimit: Partial<Record<LimitUsage['limit'], number>> = {}) {
  return render(LimitBanners, { props: { limits, dormantByLimit } });
}

describe('LimitBanners, internal-external model', () => {
  const subscription = { model: 'internal-external', internalLimit: 2000, externalLimit: 10_000, warnAt: 0.9 } as const;

  it('says ok in words with the share used', () => {
    renderLimits(evaluateLimits({ internal: 1204, external: 500, named: 1704 }, subscription));

    expect(banner('internal').dataset.status).toBe('ok');
    expect(banner('internal')).toHaveTextContent('OK');
    expect(banner('internal')).toHaveTextContent('Internal users: 1,204 of 2,000 (60.2 %) — within the limit.');
  });

  it('says near with what is left, and what deactivating the dormant users would do', () => {
    renderLimits(evaluateLimits({ internal: 100, external: 9412, named: 9512 }, subscription), { external: 500 });

    expect(banner('external').dataset.status).toBe('near');
    expect(banner('external')).toHaveTextContent('Near the limit');
    expect(banner('external')).toHaveTextContent(
      'External users: 9,412 of 10,000 (94.1 %) — near the limit, 588 left.',
    );
    expect(banner('external')).toHaveTextContent(
      'Deactivating 500 dormant external users brings external usage from 94.1 % to 89.1 %.',
    );
  });

  it(
    'says over by how many, that the subscription must be upgraded, ' + 'and that dormant users would bring it back',
    () => {
      renderLimits(evaluateLimits({ internal: 100, external: 10_412, named: 10_512 }, subscription), { external: 530 });

      expect(banner('external').dataset.status).toBe('over');
      expect(banner('external')).toHaveTextContent('Over the limit');
      expect(banner('external')).toHaveTextContent(
        'External users: 10,412 of 10,000 — 412 over the limit; the subscription must be upgraded to stay compliant.',
      );
      expect(banner('external')).toHaveTextContent(
        'Deactivating 530 dormant external users brings external usage from 104.1 % to 98.8 %, back within the limit.',
      );
      expect(screen.getByRole('link', { name: 'Review the dormant users' })).toHaveAttribute(
        'href',
        '#/dashboard?dormant=external',
      );
    },
  );

  it('says near at exactly the limit, with no room left', () => {
    renderLimits(evaluateLimits({ internal: 2000, external: 0, named: 2000 }, subscription));

    expect(banner('internal').dataset.status).toBe('near');
    expect(banner('internal')).toHaveTextContent(
      'Internal users: 2,000 of 2,000 (100.0 %) — at the limit, no room for another user.',
    );
  });

  it('never rounds a share onto the limit from either side', () => {
    renderLimits(
      evaluateLimits(
        { internal: 19_999, external: 20_001, named: 40_000 },
        { model: 'internal-external', internalLimit: 20_000, externalLimit: 20_000, warnAt: 0.9 },
      ),
      { external: 1 },
    );

    expect(banner('internal')).toHaveTextContent('(99.9 %)');
    expect(banner('external')).toHaveTextContent('from 100.1 % to 100.0 %, back within the limit.');
  });

  it('shows one banner per limit, and no dormant line for an ok limit', () => {
    renderLimits(evaluateLimits({ internal: 10, external: 10, named: 20 }, subscription), { internal: 5, external: 5 });

    expect(document.querySelectorAll('[data-limit]')).toHaveLength(2);
    expect(screen.queryByText(/Deactivating/)).toBeNull();
  });
});

describe('LimitBanners, named-users model', () => {
  const subscription = { model: 'named', namedLimit: 5000, warnAt: 0.8 } as const;

  it.for([
    { used: 1000, status: 'ok', text: 'Named users: 1,000 of 5,000 (20.0 %) — within the limit.' },
    { used: 4000, status: 'near', text: 'Named users: 4,000 of 5,000 (80.0 %) — near the limit, 1,000 left.' },
    {
      used: 5001,
      status: 'over',
      text: 'Named users: 5,001 of 5,000 — 1 over the limit; the subscription must be upgraded to stay compliant.',
    },
  ])('says $status at $used of 5,000 with a warning at 80 %', ({ used, status, text }) => {
    renderLimits(evaluateLimits({ internal: used, external: 0, named: used }, subscription));

    expect(document.querySelectorAll('[data-limit]')).toHaveLength(1);
    expect(banner('named').dataset.status).toBe(status);
    expect(banner('named')).toHaveTextContent(text);
  });

  it('counts dormant internal and external users together against the named limit', () => {
    renderLimits(evaluateLimits({ internal: 3000, external: 2100, named: 5100 }, subscription), { named: 300 });

    expect(banner('named')).toHaveTextContent(
      'Deactivating 300 dormant named users brings named usage from 102.0 % to 96.0 %, back within the limit.',
    );
  });
});
