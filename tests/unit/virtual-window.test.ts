import { describe, expect, it } from 'vitest';
import { MAX_SCROLL_PX, virtualWindow } from '../../src/ui/components/virtual-window';

describe('virtualWindow', () => {
  it('draws the first rows at the top, with the overscan below', () => {
    expect(virtualWindow(1000, 32, 320, 0, 5)).toEqual({ first: 0, count: 21, offset: 0, spacer: 32_000 });
  });

  it('follows the scroll one pixel per pixel while the list fits', () => {
    const window = virtualWindow(1000, 32, 320, 3200 + 10, 5);
    expect(window.first).toBe(95);
    expect(window.offset).toBe(95 * 32 - 3210);
  });

  it('never draws past the last row, and shows the last row at the bottom', () => {
    const window = virtualWindow(1000, 32, 320, 32_000, 5);
    expect(window.first + window.count).toBe(1000);
    const lastRowBottom = window.offset + window.count * 32;
    expect(lastRowBottom).toBe(320);
  });

  it('caps the scroll height for a million rows and still reaches the last one', () => {
    const total = 1_000_000;
    const bottom = virtualWindow(total, 32, 480, MAX_SCROLL_PX, 5);
    expect(bottom.spacer).toBe(MAX_SCROLL_PX);
    expect(bottom.first + bottom.count).toBe(total);
    expect(bottom.offset + bottom.count * 32).toBeCloseTo(480, 5);
    const middle = virtualWindow(total, 32, 480, (MAX_SCROLL_PX - 480) / 2, 0);
    expect(middle.first).toBeGreaterThan(total / 2 - 20);
    expect(middle.first).toBeLessThan(total / 2);
  });

  it('draws nothing for an empty list', () => {
    expect(virtualWindow(0, 32, 320, 0)).toEqual({ first: 0, count: 0, offset: 0, spacer: 0 });
  });
});
