/** Messages show figures in the units and precision the document used. */
import { describe, expect, it } from 'vitest';
import { chineseNumeral, formatInUnit } from '../../rules/support/format.js';

describe('formatInUnit', () => {
  it('renders yuan back in 万元 with the stated places', () => {
    expect(formatInUnit(8_018_600, '万元', { halves: [50] })).toBe('801.86万元');
    expect(formatInUnit(680_000, '万元', { halves: [5000] })).toBe('68万元');
    expect(formatInUnit(1_657_206, '万元', { halves: [0.5] })).toBe('165.7206万元');
  });

  it('keeps the trailing zeros a document wrote', () => {
    expect(formatInUnit(1_000_000, '万元', { halves: [50] })).toBe('100.00万元');
    expect(formatInUnit(8_018_600, '元', { halves: ['0.005'] })).toBe('8,018,600.00元');
  });

  it('shows a computed value no more precisely than it is, nor less than its least precise input', () => {
    expect(formatInUnit(86_200, '万元', { halves: [5000, 50, 0.5], trim: true })).toBe('8.62万元');
    expect(formatInUnit(34_400, '万元', { halves: [50, 50], trim: true })).toBe('3.44万元');
  });

  it('groups thousands in 元 only', () => {
    expect(formatInUnit(27_256.66, '元', { decimals: 1 })).toBe('27,256.7元');
    expect(formatInUnit(608, '人')).toBe('608人');
    expect(formatInUnit(12_150, '头')).toBe('12150头');
  });

  it('renders fractions as percentages', () => {
    expect(formatInUnit('0.96', '%')).toBe('96%');
  });
});

describe('chineseNumeral', () => {
  it('writes heading numbers as Chinese numerals', () => {
    expect([1, 4, 10, 14, 20, 21].map(chineseNumeral)).toEqual(['一', '四', '十', '十四', '二十', '二十一']);
  });
});
