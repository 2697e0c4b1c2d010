import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { variantWidths } from '../../../src/variants/plan_widths';

const WIDTHS = [400, 656, 1000, 1312];

describe('variantWidths', () => {
  it('takes every configured width of an image wider than all of them', () => {
    expect(variantWidths(2560, WIDTHS)).toEqual([400, 656, 1000, 1312]);
  });

  it('never goes past the image: its own width replaces the ones it cannot fill', () => {
    expect(variantWidths(1100, WIDTHS)).toEqual([400, 656, 1100]);
    expect(variantWidths(500, WIDTHS)).toEqual([400, 500]);
    expect(variantWidths(120, WIDTHS)).toEqual([120]);
  });

  it('leaves out a configured width within 10% of the widest variant (a near duplicate)', () => {
    expect(variantWidths(700, WIDTHS)).toEqual([400, 700]);
    expect(variantWidths(1400, WIDTHS)).toEqual([400, 656, 1000, 1312]);
  });

  it('gives nothing for a size it cannot use', () => {
    expect(variantWidths(0, WIDTHS)).toEqual([]);
    expect(variantWidths(Number.NaN, WIDTHS)).toEqual([]);
    expect(variantWidths(800, [])).toEqual([]);
  });

  it('always: sorted, distinct, at most the image width, and the widest is min(image, widest configured)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.uniqueArray(fc.integer({ min: 16, max: 8192 }), { minLength: 1, maxLength: 8 }),
        (image, widths) => {
          const got = variantWidths(image, widths);
          expect(got).toEqual([...new Set(got)].sort((a, b) => a - b));
          expect(got.every((w) => w <= image)).toBe(true);
          expect(got.at(-1)).toBe(Math.min(image, Math.max(...widths)));
        },
      ),
    );
  });
});
