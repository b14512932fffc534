/** Figures of a sentence and the labels they qualify, whichever side of the number the label stands. */
import { describe, expect, it } from 'vitest';
import { findFigures } from '../../../extractors/text/figures.js';
import { readHeadingMarker } from '../../../extractors/text/headings.js';
import { splitSentences } from '../../../extractors/text/sentences.js';

const labels = (text: string, skip = 0) => findFigures(text, skip).map((f) => [f.raw, f.label]);

describe('labels of figures', () => {
  it.each([
    // label before the number
    ['我乡涉毒人员25人', [['25人', '涉毒人员']]],
    ['死亡4人', [['4人', '死亡']]],
    // label after the number when nothing stands before it in the clause
    ['，2人羁押服刑，', [['2人', '羁押服刑']]],
    ['4人死亡。', [['4人', '死亡']]],
    // joining verbs and particles are not part of the label
    ['成功率达96%', [['96%', '成功率']]],
    ['发现安全隐患共计59处', [['59处', '发现安全隐患']]],
    ['绩效评价得分：97分', [['97分', '绩效评价得分']]],
    ['其已整改57处', [['57处', '已整改']]],
    ['其中：行政编制17名', [['17名', '行政编制']]],
    // a counting verb before the number: what follows is what is counted
    ['共计发现59处安全隐患', [['59处', '安全隐患']]],
    ['对21个涉毒人员建立了台账', [['21个', '涉毒人员']]],
    ['对全乡200名持证残疾人逐一入户', [['200名', '持证残疾人']]],
    // a figure right after another shares its label
    [
      '新增监测户6户24人',
      [
        ['6户', '新增监测户'],
        ['24人', '新增监测户'],
      ],
    ],
    [
      '低保212户、608人',
      [
        ['212户', '低保'],
        ['608人', '低保'],
      ],
    ],
    [
      '重度残疾人护理补贴135人11.089万元',
      [
        ['135人', '重度残疾人护理补贴'],
        ['11.089万元', '重度残疾人护理补贴'],
      ],
    ],
    // the label of the next figure starts after the previous one
    [
      '发放资金27.2763万元高龄补贴人员166人',
      [
        ['27.2763万元', '发放资金'],
        ['166人', '高龄补贴人员'],
      ],
    ],
    // spaces inside labels are dropped
    ['收 入 总 额 801.86 万元', [['801.86 万元', '收入总额']]],
    // a quoted name right before the number is the label
    ['落实“三免两补”400人', [['400人', '落实“三免两补”']]],
    // years are figures too
    [
      '2024年医疗保险参保率83.79%',
      [
        ['2024年', '医疗保险参保率'],
        ['83.79%', '医疗保险参保率'],
      ],
    ],
  ])('%s', (text, expected) => {
    expect(labels(text)).toEqual(expected);
  });
});

describe('heading markers are not figures', () => {
  it('skips the marker of 「2.100万以上项目」', () => {
    const marker = readHeadingMarker('2.100万以上项目：无。');
    expect(marker).toMatchObject({ marker: '2.', level: 3, number: 2, ambiguous: true });
    expect(labels('2.100万以上项目：无。', marker!.end)).toEqual([['100万', '项目']]);
  });

  it.each([
    ['一、部门基本情况', { marker: '一、', level: 1, number: 1 }],
    ['（三）2023年重点工作开展情况', { marker: '（三）', level: 2, number: 3 }],
    ['(四)部门整体支出绩效目标', { marker: '(四)', level: 2, number: 4 }],
    ['１．强化理论学习', { marker: '１．', level: 3, number: 1, ambiguous: false }],
    ['2、加强财务管理', { marker: '2、', level: 3, number: 2 }],
  ])('reads the marker of %s', (text, expected) => {
    expect(readHeadingMarker(text)).toMatchObject(expected);
  });

  it.each(['一是完善制度', '2023年度部门收入总额', '平等乡人民政府'])('finds no marker in %s', (text) => {
    expect(readHeadingMarker(text)).toBeNull();
  });
});

describe('sentences', () => {
  it('keeps closing quotes with their sentence and drops empty ones', () => {
    expect(splitSentences('他说：“完成了。”然后；；离开')).toEqual([
      { text: '他说：“完成了。”', offset: 0 },
      { text: '然后；；', offset: 9 },
      { text: '离开', offset: 13 },
    ]);
  });

  it('trims spaces around a sentence and keeps its offset', () => {
    expect(splitSentences('  甲。 乙\n 丙')).toEqual([
      { text: '甲。', offset: 2 },
      { text: '乙', offset: 5 },
      { text: '丙', offset: 8 },
    ]);
  });
});
