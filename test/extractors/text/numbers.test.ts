/** Table-driven tests of number reading (SPEC §2): values in base units, stated precision, kinds, units and approximate markers. */
import { describe, expect, it } from 'vitest';
import { compact, toHalfWidth } from '../../../extractors/text/normalize.js';
import {
  parseCellNumber,
  parseChineseNumeral,
  parseQuantity,
  scanQuantities,
} from '../../../extractors/text/numbers.js';

interface Case {
  text: string;
  value: string;
  halfUnit: string;
  kind: string;
  unit: string;
  approximate?: boolean;
}

const cases: Case[] = [
  // 万元 multiplies into yuan; the last stated digit (0.01万) gives ±50 元
  { text: '801.86万元', value: '8018600', halfUnit: '50', kind: 'money', unit: '万元' },
  { text: '165.7206万元', value: '1657206', halfUnit: '0.5', kind: 'money', unit: '万元' },
  { text: '68万元', value: '680000', halfUnit: '5000', kind: 'money', unit: '万元' },
  { text: '1.2亿元', value: '120000000', halfUnit: '5000000', kind: 'money', unit: '亿元' },
  // full-width digits and point read like ASCII
  { text: '８０１．８６万元', value: '8018600', halfUnit: '50', kind: 'money', unit: '万元' },
  // thousands separators, ASCII and full-width, keep the decimals' precision
  { text: '8,018,600.00元', value: '8018600', halfUnit: '0.005', kind: 'money', unit: '元' },
  { text: '8，018，600.00元', value: '8018600', halfUnit: '0.005', kind: 'money', unit: '元' },
  { text: '400元', value: '400', halfUnit: '0.5', kind: 'money', unit: '元' },
  // areas in 亩, 万亩 multiplied
  { text: '6.0257万亩', value: '60257', halfUnit: '0.5', kind: 'area', unit: '万亩' },
  { text: '3,443.6亩', value: '3443.6', halfUnit: '0.05', kind: 'area', unit: '亩' },
  // counts with measure words are exact
  { text: '25人', value: '25', halfUnit: '0', kind: 'count', unit: '人' },
  { text: '279名', value: '279', halfUnit: '0', kind: 'count', unit: '名' },
  { text: '1300人次', value: '1300', halfUnit: '0', kind: 'count', unit: '人次' },
  { text: '59处', value: '59', halfUnit: '0', kind: 'count', unit: '处' },
  { text: '7322头', value: '7322', halfUnit: '0', kind: 'count', unit: '头' },
  { text: '8952羽', value: '8952', halfUnit: '0', kind: 'count', unit: '羽' },
  { text: '4期', value: '4', halfUnit: '0', kind: 'count', unit: '期' },
  // a count stated in 万 keeps the precision of its last digit
  { text: '1.2万人', value: '12000', halfUnit: '500', kind: 'count', unit: '万人' },
  { text: '60吨', value: '60', halfUnit: '0.5', kind: 'other', unit: '吨' },
  // scores are exact
  { text: '97分', value: '97', halfUnit: '0', kind: 'points', unit: '分' },
  // percentages are fractions with the precision of the stated digits
  { text: '96%', value: '0.96', halfUnit: '0.005', kind: 'rate', unit: '%' },
  { text: '96％', value: '0.96', halfUnit: '0.005', kind: 'rate', unit: '%' },
  { text: '83.79%', value: '0.8379', halfUnit: '0.00005', kind: 'rate', unit: '%' },
  { text: '百分之九十六', value: '0.96', halfUnit: '0.005', kind: 'rate', unit: '%' },
  // Chinese numerals
  { text: '一百二十人', value: '120', halfUnit: '0', kind: 'count', unit: '人' },
  { text: '两千元', value: '2000', halfUnit: '0.5', kind: 'money', unit: '元' },
  { text: '十五个', value: '15', halfUnit: '0', kind: 'count', unit: '个' },
  { text: '一千零五户', value: '1005', halfUnit: '0', kind: 'count', unit: '户' },
  { text: '三千五百万元', value: '35000000', halfUnit: '5000', kind: 'money', unit: '万元' },
  { text: '〇人', value: '0', halfUnit: '0', kind: 'count', unit: '人' },
  { text: '零户', value: '0', halfUnit: '0', kind: 'count', unit: '户' },
  // years
  { text: '2023年', value: '2023', halfUnit: '0', kind: 'year', unit: '年' },
  { text: '2023年度', value: '2023', halfUnit: '0', kind: 'year', unit: '年度' },
  { text: '二〇二三年', value: '2023', halfUnit: '0', kind: 'year', unit: '年' },
  // a number of years is a duration, not a year
  { text: '3年', value: '3', halfUnit: '0.5', kind: 'other', unit: '年' },
  // approximate markers after the number, inside it, or before it
  { text: '三十余项', value: '30', halfUnit: '0', kind: 'count', unit: '项', approximate: true },
  { text: '200余次', value: '200', halfUnit: '0', kind: 'count', unit: '次', approximate: true },
  { text: '1300多人次', value: '1300', halfUnit: '0', kind: 'count', unit: '人次', approximate: true },
  { text: '5万余元', value: '50000', halfUnit: '5000', kind: 'money', unit: '万元', approximate: true },
  { text: '约500人', value: '500', halfUnit: '0', kind: 'count', unit: '人', approximate: true },
  { text: '近300户', value: '300', halfUnit: '0', kind: 'count', unit: '户', approximate: true },
  { text: '逾50万元', value: '500000', halfUnit: '5000', kind: 'money', unit: '万元', approximate: true },
  { text: '超过20名', value: '20', halfUnit: '0', kind: 'count', unit: '名', approximate: true },
  { text: '100人左右', value: '100', halfUnit: '0', kind: 'count', unit: '人', approximate: true },
  { text: '30%以上', value: '0.3', halfUnit: '0.005', kind: 'rate', unit: '%', approximate: true },
  { text: '小于100%', value: '1', halfUnit: '0.005', kind: 'rate', unit: '%', approximate: true },
];

describe('reading one number', () => {
  it.each(cases)(
    'reads $text as $value ±$halfUnit ($kind, $unit)',
    ({ text, value, halfUnit, kind, unit, approximate }) => {
      const quantity = parseQuantity(text);
      expect(quantity).not.toBeNull();
      expect({
        value: quantity!.value.toFixed(),
        halfUnit: quantity!.halfUnit.toFixed(),
        kind: quantity!.kind,
        unit: quantity!.unit,
        approximate: quantity!.approximate,
      }).toEqual({ value, halfUnit, kind, unit, approximate: approximate ?? false });
    },
  );

  it('keeps the raw text and its offsets without the approximate marker before it', () => {
    const [quantity] = scanQuantities('共约500人参加');
    expect(quantity).toMatchObject({ raw: '500人', start: 2, end: 6, spanStart: 1, approximate: true });
  });

  it('keeps full-width digits as written in raw', () => {
    expect(scanQuantities('收入８０１．８６万元')[0]!.raw).toBe('８０１．８６万元');
  });

  it('sums exactly, without binary floating point', () => {
    const parts = ['0.1万元', '0.2万元'].map((text) => parseQuantity(text)!.value);
    expect(parts[0]!.plus(parts[1]!).equals(parseQuantity('0.3万元')!.value)).toBe(true);
  });
});

describe('finding numbers in text', () => {
  const scan = (text: string) => scanQuantities(text).map((q) => q.raw);

  it.each([
    // words made of numerals are not figures
    ['一岗双责、一人一档、一墙一窗', []],
    ['十分重要', []],
    ['三分之一的项目', []],
    ['一是完善制度，二是强化责任', []],
    ['三免两补', []],
    // ordinals, attachments, bracketed enumerations and codes are not figures
    ['第3次会议', []],
    ['附件1', []],
    ['（1）加强管理', []],
    ['5G基站', []],
    // a range gives both ends
    ['偏差度在10%～20%之间', ['10%', '20%']],
    // several figures in one clause
    ['新增监测户6户24人', ['6户', '24人']],
    ['重度残疾人护理补贴135人11.089万元', ['135人', '11.089万元']],
    ['2023年度部门收入总额801.86万元', ['2023年度', '801.86万元']],
  ])('in %s finds %j', (text, expected) => {
    expect(scan(text)).toEqual(expected);
  });

  it('marks both ends of a range as approximate', () => {
    expect(scanQuantities('3至5人').map((q) => q.approximate)).toEqual([true, true]);
  });

  it('does not read a list of numbers as one number with separators', () => {
    expect(scan('6、9、11月')).toEqual(['6', '9', '11月']);
    expect(scan('共25，其中3起')).toEqual(['25', '3起']);
  });
});

describe('Chinese numerals', () => {
  it.each([
    ['一百二十', '120'],
    ['两千', '2000'],
    ['十五', '15'],
    ['三十', '30'],
    ['一千零五', '1005'],
    ['一万二千', '12000'],
    ['一亿二千万', '120000000'],
    ['二〇二三', '2023'],
    ['〇', '0'],
  ])('reads %s as %s', (text, value) => {
    expect(parseChineseNumeral(text)?.toFixed()).toBe(value);
  });

  it.each(['三五', '五五五', '二三十'])('refuses %s, which is not one number', (text) => {
    expect(parseChineseNumeral(text)).toBeNull();
  });
});

describe('table cells and normalisation', () => {
  it.each([
    ['10', '10'],
    [' ９７ ', '97'],
    ['0.5', '0.5'],
    ['5分', '5'],
  ])('reads the cell %j as %s', (text, value) => {
    expect(parseCellNumber(text)?.toFixed()).toBe(value);
  });

  it.each(['', '√', '10（满分）', '部 门 整 体 自 评 得 分'])('reads no number in the cell %j', (text) => {
    expect(parseCellNumber(text)).toBeNull();
  });

  it('maps full-width digits one to one so offsets stay valid', () => {
    const text = '收入８０１．８６万元，占９６％';
    expect(toHalfWidth(text)).toBe('收入801.86万元，占96%');
    expect(toHalfWidth(text)).toHaveLength(text.length);
  });

  it('compacts labels alike whatever their width and spacing', () => {
    expect(compact('１． 收入\u3000总额 ８０１．８６ ％')).toBe('1.收入总额801.86%');
    expect(compact(' 部 门\t整体\n自评 ')).toBe('部门整体自评');
    expect(compact('（一）')).toBe('（一）');
  });
});
