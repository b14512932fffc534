/** A figure's box from its place in a PDF paragraph's text (SPEC §7 `box`). */
import { describe, expect, it } from 'vitest';
import { textBox } from '../../../extractors/model/text-box.js';

// Two lines of one paragraph: 「收入总额801.86万元，」 then 「支出总额801.86万元。」, 12pt, 20pt apart.
const text = '收入总额801.86万元，支出总额801.86万元。';
const lines = [
  { start: 0, end: 13, page: 2, box: [100, 700, 100 + 12 * 10, 712] as [number, number, number, number] },
  { start: 13, end: 26, page: 2, box: [100, 680, 100 + 12 * 10, 692] as [number, number, number, number] },
];

describe('textBox', () => {
  it('spreads x over the line by character widths (CJK full, digits half)', () => {
    const start = text.indexOf('801.86');
    const placed = textBox(lines, text, start, start + '801.86'.length)!;
    expect(placed.page).toBe(2);
    // 收入总额 = 4 wide characters = 48pt in; 801.86 = 6 half-width = 36pt.
    expect(placed.box).toEqual([148, 700, 184, 712]);
  });

  it('covers both lines when the range runs over a line break', () => {
    const start = text.indexOf('，') - 2;
    const placed = textBox(lines, text, start, text.indexOf('支出') + 2)!;
    expect(placed.box[1]).toBe(680);
    expect(placed.box[3]).toBe(712);
  });

  it('gives nothing for a range outside the lines', () => {
    expect(textBox(lines, text, 40, 44)).toBeNull();
  });
});
