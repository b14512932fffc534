/** OCR text as the layout steps get it: brackets whose width OCR read glyph by glyph are paired again. */
import { describe, expect, it } from 'vitest';
import { pairOcrBrackets } from '../../../extractors/ocr/page-text.js';

describe('pairOcrBrackets', () => {
  it.each([
    ['资金结余率（低效无效率)', '资金结余率（低效无效率）'],
    ['预算执行率(10分）', '预算执行率(10分)'],
    ['（一）部门职责（含下属单位)', '（一）部门职责（含下属单位）'],
    ['产出指标（50分）', '产出指标（50分）'],
    ['a (b) c', 'a (b) c'],
    ['1)', '1)'],
    ['2）', '2）'],
    ['（（甲)乙)', '（（甲）乙）'],
  ])('%s → %s', (input, output) => {
    expect(pairOcrBrackets(input)).toBe(output);
  });
});
