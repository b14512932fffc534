import { describe, expect, it } from 'vitest';
import { repairOcrFigures } from '../../../extractors/text/ocr-figures.js';

describe('repairOcrFigures', () => {
  it.each([
    // thousands separators read as a point and a full-width comma, the decimals kept
    ['收入总额8，940.200.00元', '收入总额8,940,200.00元'],
    // a point for the first separator, a comma for the second
    ['1.070,000.00元', '1,070,000.00元'],
    // all groups of three with one mark throughout: thousands
    ['共计1.070.000元', '共计1,070,000元'],
    // letters in a digit context
    ['l0万元', '10万元'],
    ['2O23年', '2023年'],
    ['满意率1O0%', '满意率100%'],
    ['培训I59人', '培训159人'],
  ])('repairs %s', (text, expected) => {
    const result = repairOcrFigures(text);
    expect(result.text).toBe(expected);
    expect(result.repairs).toHaveLength(1);
    expect(result.repairs[0]!.to).toBe(expected.replace(/[^\d,.]/g, ''));
  });

  it.each([
    // well-formed figures
    ['801.86万元'],
    ['共1,234人'],
    // outline numbers, dates and section numbers are not figures with separators
    ['1.2.3项'],
    ['2023.12.31'],
    ['第1.1节'],
    // a list of two numbers
    ['4，5月'],
    // letters in words, without a digit, or touching other Latin letters
    ['IOS系统'],
    ['CO2排放'],
    ['I级'],
    ['Ol'],
    // a point among commas stays a decimal point
    ['1,070.000吨'],
  ])('leaves %s as it is', (text) => {
    expect(repairOcrFigures(text)).toEqual({ text, repairs: [] });
  });
});
