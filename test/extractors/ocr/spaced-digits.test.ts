/**
 * Figures OCR breaks with a space. The boxes are real recogniser output (engine r3, copied from the
 * OCR page records of the bench's jinhe-2023 scan, whose figures are full-width digits: pages 1, 3,
 * 4, 5 and 6), except those marked 「made up」, which show where a space must stay.
 */
import { describe, expect, it } from 'vitest';
import type { OcrPageRecord } from '../../../extractors/ocr/ocr-page.js';
import { ocrPageText, straddlesRuling } from '../../../extractors/ocr/page-text.js';
import { joinSpacedDigits } from '../../../extractors/ocr/spaced-digits.js';

/** 事业编制１４名 … 在职人员总数２２名 (page 1). */
const staffing = {
  text: '0名，事业编制1 4名。在职人员总数2 2名，其中：行政1',
  confidence: 0.96,
  characters: [
    0.971, 1, 0.997, 1, 0.997, 1, 0.996, 0.931, 0.515, 0.999, 1, 1, 1, 1, 1, 1, 1, 1, 0.995, 0.522, 0.998, 1, 0.998, 1,
    0.998, 0.958, 1, 0.999, 0.98,
  ],
  doubts: [],
};
/** 低保２１２户、６０８人 (page 5): 21 households and a lost 608 before the fix. */
const welfare = {
  text: '1.抓实民政政策兑现。 目前全乡低保21 2户、 60 8',
  confidence: 0.936,
  characters: [
    0.981, 0.656, 0.998, 1, 0.996, 0.998, 1, 1, 0.995, 0.999, 0.999, 0.571, 0.983, 1, 0.996, 1, 0.998, 0.997, 0.984,
    0.958, 0.729, 0.995, 0.999, 0.988, 0.754, 0.984, 0.981, 0.614, 0.996,
  ],
  doubts: [{ at: 1, text: '．', p: 0.293 }],
};
/** 调处率１００％，成功率达９６％ (page 3): every digit apart. */
const rates = {
  text: '率 1 0 0 %，成功率达9 6 %。',
  confidence: 0.916,
  characters: [
    1, 0.584, 0.994, 0.808, 0.986, 0.875, 0.993, 0.775, 0.984, 0.931, 0.996, 0.995, 1, 0.998, 0.999, 0.766, 0.997,
    0.822, 0.973, 0.844,
  ],
  doubts: [],
};
/** 农业保险３４４３．６亩，种粮补贴５４９８．７亩 (page 4): spaces on both sides of the points. */
const areas = {
  text: '业保险3 4 4 3. 6亩，种粮补贴 54 9 8.7 亩，地力补贴',
  confidence: 0.881,
  characters: [
    0.968, 0.998, 0.993, 0.997, 0.531, 0.999, 0.636, 1, 0.533, 0.998, 0.961, 0.542, 0.996, 1, 0.976, 1, 1, 0.998, 0.993,
    0.5, 0.999, 0.999, 0.696, 0.999, 0.499, 0.993, 0.672, 0.998, 0.552, 1, 0.959, 0.998, 0.997, 0.999, 0.873,
  ],
  doubts: [{ at: 26, text: '．', p: 0.268 }],
};
/** The 「．」 of ３１０５．２ below (biome would read 0.707 written out as a rounded √½). */
const point = Number('0.707');
/** ３１０５．２亩 opening a line (page 5), a full-width point read as such. */
const lineStart = {
  text: '3 1 0 5． 2亩。三是落实最严耕地保护制度。明确责任，加',
  confidence: 0.969,
  characters: [
    0.998,
    0.866,
    0.986,
    0.854,
    0.972,
    0.832,
    0.999,
    point,
    0.914,
    0.998,
    1,
    1,
    0.999,
    1,
    1,
    1,
    0.999,
    0.934,
    0.993,
    0.998,
    0.998,
    1,
    0.997,
    1,
    1,
    1,
    1,
    0.998,
    0.999,
    0.99,
    1,
  ],
  doubts: [{ at: 7, text: '.', p: 0.251 }],
};
/** ２０２３年度部门支出总额８０１．８６万元 (page 6): the year and the total both apart. */
const expenditure = {
  text: '2 0 2 3 年度部门支出总额8 01. 86万元。',
  confidence: 0.918,
  characters: [
    0.999, 0.731, 0.996, 0.703, 1, 0.542, 0.999, 0.544, 1, 1, 1, 0.999, 1, 1, 1, 1, 0.996, 0.661, 0.994, 0.978, 0.893,
    0.767, 0.999, 0.999, 0.998, 1, 0.985,
  ],
  doubts: [
    { at: 20, text: '．', p: 0.059 },
    { at: 21, text: '.', p: 0.065 },
  ],
};
/** ２７．２７６３万元 (page 5): a doubt after the space, to be indexed anew. */
const special = {
  text: '2 7．2763万元高龄补贴人员166人，发放金额7．1',
  confidence: 0.937,
  characters: [
    0.991, 0.547, 0.985, 0.567, 0.985, 0.989, 0.949, 0.988, 0.999, 1, 0.998, 1, 0.994, 0.867, 1, 1, 0.872, 0.914, 0.944,
    0.999, 0.993, 1, 1, 0.999, 1, 0.972, 0.689, 0.982,
  ],
  doubts: [
    { at: 3, text: '.', p: 0.21 },
    { at: 13, text: '點', p: 0.06 },
    { at: 16, text: '１', p: 0.123 },
    { at: 26, text: '.', p: 0.101 },
  ],
};
/** ２０２４年医疗保险参保率８３．７９％ (page 5): the point read as a colon, the point a close second. */
const colonPoint = {
  text: '疗保险参保率83：79%，落实“三免两补”400人，享',
  confidence: 0.969,
  characters: [
    0.999, 0.997, 0.966, 0.999, 0.998, 1, 0.991, 0.998, 0.401, 0.999, 0.998, 0.992, 0.989, 1, 0.999, 0.934, 0.989,
    0.988, 0.999, 0.982, 0.968, 0.999, 0.991, 0.987, 0.999, 0.994, 1,
  ],
  doubts: [{ at: 8, text: '.', p: 0.349 }],
};

describe('joinSpacedDigits: a space inside a figure in prose is the recogniser’s, taken out', () => {
  it.each([
    [staffing, '0名，事业编制14名。在职人员总数22名，其中：行政1'],
    [welfare, '1.抓实民政政策兑现。 目前全乡低保212户、 608'],
    [rates, '率 100 %，成功率达96 %。'],
    [areas, '业保险3443.6亩，种粮补贴 5498.7 亩，地力补贴'],
    [lineStart, '3105．2亩。三是落实最严耕地保护制度。明确责任，加'],
    [expenditure, '2023 年度部门支出总额801.86万元。'],
    [special, '27．2763万元高龄补贴人员166人，发放金额7．1'],
  ])('%j', (box, joined) => {
    const result = joinSpacedDigits(box);
    expect(result.box.text).toBe(joined);
    // The characters still index the text, and the figures keep their confidence: the join is no guess.
    expect(result.box.characters).toHaveLength(Array.from(joined).length);
    expect(result.confidence).toBeUndefined();
    expect(result.keptApart).toEqual([]);
    expect(result.repairs.length).toBeGreaterThan(0);
  });

  it('records each figure joined, as recognised and as read', () => {
    expect(joinSpacedDigits(welfare).repairs.map(({ from, to }) => [from, to])).toEqual([
      ['21 2', '212'],
      ['60 8', '608'],
    ]);
    expect(joinSpacedDigits(expenditure).repairs.map(({ from, to }) => [from, to])).toEqual([
      ['2 0 2 3', '2023'],
      ['8 01. 86', '801.86'],
    ]);
  });

  it('keeps each probability with its character and re-indexes the doubts after a space taken out', () => {
    const { box } = joinSpacedDigits(special);
    const chars = Array.from(box.text);
    expect(box.doubts).toEqual([
      { at: 2, text: '.', p: 0.21 },
      { at: 12, text: '點', p: 0.06 },
      { at: 15, text: '１', p: 0.123 },
      { at: 25, text: '.', p: 0.101 },
    ]);
    expect(box.doubts!.map((doubt) => chars[doubt.at])).toEqual(['．', '贴', '1', '．']);
    expect(box.characters![2]).toBe(0.567);
    // A runner-up for a space taken out goes with the space.
    expect(joinSpacedDigits(expenditure).box.doubts).toEqual([{ at: 16, text: '．', p: 0.059 }]);
  });

  it('leaves a box without spaced digits as it is', () => {
    for (const text of ['2023年 12月', '（一） 部门基本情况', '得分：97分', '1. 平安建设工作', '共 3 次']) {
      const box = { text, confidence: 0.99, characters: Array.from(text).map(() => 0.99), doubts: [] };
      const result = joinSpacedDigits(box);
      expect(result.box.text).toBe(text);
      expect(result.repairs).toEqual([]);
      expect(result.confidence).toBeUndefined();
    }
  });
});

describe('joinSpacedDigits: where the space may be real, the digits stay apart and are doubted', () => {
  const box = (text: string, space = 0.7) => ({
    text,
    confidence: 0.98,
    characters: Array.from(text).map((char) => (char === ' ' ? space : 0.99)),
    doubts: [],
  });

  it.each([
    // made up: a box that is only two numbers (分值 and 得分 read as one box), or a numbered list.
    ['10 10', 0.7, 0.3],
    ['1 2 3', 0.6, 0.4],
    ['96.6 95.5', 0.9, 0.1],
  ])('%s stays apart, its figures at 1 − the space’s probability', (text, space, confidence) => {
    const result = joinSpacedDigits(box(text, space));
    expect(result.box.text).toBe(text);
    expect(result.confidence).toBeCloseTo(confidence, 6);
    expect(result.keptApart.map((kept) => kept.text)).toEqual([text]);
  });

  it('two figures with their decimals stay apart even in prose (made up)', () => {
    const result = joinSpacedDigits(box('增长1.5 2.5倍', 0.8));
    expect(result.box.text).toBe('增长1.5 2.5倍');
    expect(result.confidence).toBeCloseTo(0.2, 6);
  });

  it('a box a table ruling runs through is two cells: nothing joined (made up)', () => {
    const result = joinSpacedDigits(box('目标制定 10 10', 0.65), true);
    expect(result.box.text).toBe('目标制定 10 10');
    expect(result.confidence).toBeCloseTo(0.35, 6);
    expect(result.keptApart[0]?.reason).toContain('表格竖线');
  });
});

describe('joinSpacedDigits: a doubted separator between digits whose runner-up is a point', () => {
  it('reads 83：79% as 83.79%, a guess at the point’s probability', () => {
    const result = joinSpacedDigits(colonPoint);
    expect(result.box.text).toBe('疗保险参保率83.79%，落实“三免两补”400人，享');
    expect(result.confidence).toBe(0.349);
    expect(result.repairs).toEqual([
      { from: '83：79%', to: '83.79%', reason: '数字间的「：」识别把握仅0.40，为「.」的把握0.35' },
    ]);
  });

  it('leaves a sure colon (a time, a ratio) as it is (made up)', () => {
    const sure = { ...colonPoint, characters: colonPoint.characters.map((p, i) => (i === 8 ? 0.99 : p)) };
    expect(joinSpacedDigits(sure).box.text).toBe(colonPoint.text);
  });
});

describe('the page text of spaced figures', () => {
  const record = (
    boxes: OcrPageRecord['boxes'],
    vertical: OcrPageRecord['rulings']['vertical'] = [],
  ): OcrPageRecord => ({
    engine: 'test',
    width: 595,
    height: 842,
    boxes,
    rulings: { horizontal: [], vertical },
    notes: [],
  });
  const placed = { x: 80, y: 300, width: 420, size: 12 };

  it('gives the joined figure its box’s confidence and one extraction note for the page', () => {
    const page = ocrPageText(record([{ ...welfare, ...placed }]), 5);
    expect(page.runs[0]?.text).toBe('1.抓实民政政策兑现。 目前全乡低保212户、 608');
    expect(page.runs[0]?.confidence).toBe(0.936);
    // One note for the page, however many figures it joined.
    expect(page.problems.map((p) => p.message)).toEqual([
      '第5页识别出的2处数字中间有空格：「21 2」按「212」、「60 8」按「608」读取（数字中间的空格是识别时把字距当成了空格，已去掉），请对照原件核对。',
    ]);
  });

  it('doubts the figures of a box a ruling runs through, and says so', () => {
    const text = '目标制定 10 10';
    const box = {
      text,
      confidence: 0.98,
      characters: Array.from(text).map((char) => (char === ' ' ? 0.6 : 0.99)),
      doubts: [],
      ...placed,
    };
    const page = ocrPageText(record([box], [{ x: 300, y1: 200, y2: 400 }]), 10);
    expect(page.runs[0]?.text).toBe(text);
    expect(page.runs[0]?.confidence).toBe(0.4);
    expect(page.problems[0]?.message).toContain('识别存疑');
  });
});

describe('straddlesRuling', () => {
  const box = { x: 100, y: 200, width: 100, size: 10 };
  it.each([
    [{ x: 150, y1: 100, y2: 300 }, true],
    // Its cell's own borders, and a ruling of another row.
    [{ x: 100.5, y1: 100, y2: 300 }, false],
    [{ x: 199.5, y1: 100, y2: 300 }, false],
    [{ x: 150, y1: 210, y2: 300 }, false],
    [{ x: 150, y1: 100, y2: 185 }, false],
  ])('%j → %s', (ruling, crosses) => {
    expect(straddlesRuling(box, { horizontal: [], vertical: [ruling] })).toBe(crosses);
  });
});
