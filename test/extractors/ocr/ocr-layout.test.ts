/**
 * OCR runs made fit for the layout steps: one size for the body text whatever the height of each
 * box, and a bracket closed on the line below its opener given the opener's width. The boxes are
 * real recogniser output (engine r3, the seed's colour scan made by fixtures/build/scans: pages 3,
 * 5 and 10), laid out by the PDF reader's own steps.
 */
import { describe, expect, it } from 'vitest';
import { defaultReadLimits } from '../../../extractors/model/limits.js';
import type { OcrPageRecord, OcrTextBox } from '../../../extractors/ocr/ocr-page.js';
import { ocrFontName, pairWrappedBrackets, withBodySize } from '../../../extractors/ocr/page-text.js';
import type { TextRun } from '../../../extractors/pdf/geometry.js';
import { documentFromOcrPages } from '../../../extractors/pdf/reader.js';

type Box = Omit<OcrTextBox, 'characters' | 'doubts'>;

/** Page 5: a paragraph whose last line holds just 「元。」, its box taller than the lines above. */
const welfare: Box[] = [
  {
    text: '1.抓实民政政策兑现。目前全乡低保212户、608人，发',
    x: 112.32,
    y: 238.5936,
    width: 405.36,
    size: 12.096,
    confidence: 0.996,
  },
  {
    text: '放资金165.7206万元，特困33人，发放资金27.2763万元',
    x: 80.28,
    y: 266.6736,
    width: 437.04,
    size: 12.096,
    confidence: 0.996,
  },
  {
    text: '高龄补贴人员166人，发放金额7.156万元，重度残疾人护理',
    x: 80.64,
    y: 294.3936,
    width: 439.2,
    size: 12.096,
    confidence: 0.996,
  },
  {
    text: '补贴135人11.089万元，困难残疾人生活补贴80人9.21万',
    x: 79.56,
    y: 322.3944,
    width: 438.84,
    size: 12.384,
    confidence: 0.993,
  },
  { text: '元。', x: 78.12, y: 351.6408, width: 26.28, size: 14.688, confidence: 0.955 },
  {
    text: '2.抓实残联政策落实。对全乡200名持证残疾人逐一入户',
    x: 111.6,
    y: 378.6768,
    width: 402.48,
    size: 13.248,
    confidence: 0.997,
  },
];

/** Page 3: one paragraph whose lines came out 11.2 to 13.2 pt high, the one opening with 「“」 set in by its ink. */
const drugControl: Box[] = [
  {
    text: '成情况为100%。二是强化责任落实。对21个涉毒人员建立',
    x: 80.28,
    y: 602.4744,
    width: 427.32,
    size: 12.384,
    confidence: 0.991,
  },
  {
    text: '了党委书记、分管领导、派出所所长、卫生院院长、支部书记',
    x: 81.72,
    y: 630.1512,
    width: 428.76,
    size: 11.232,
    confidence: 0.995,
  },
  {
    text: '“五包一”工作台账，建立了一人一档专卷，每月及时更新完',
    x: 87.84,
    y: 658.7568,
    width: 424.08,
    size: 13.248,
    confidence: 0.996,
  },
  {
    text: '善档案信息。三是强化排查。对27处高危制毒场所一月一排',
    x: 80.28,
    y: 687.1968,
    width: 425.88,
    size: 13.248,
    confidence: 0.997,
  },
];

const page = (boxes: Box[]): OcrPageRecord => ({
  engine: 'test',
  width: 595.44,
  height: 842.04,
  boxes,
  rulings: { horizontal: [], vertical: [] },
  notes: [],
});

const run = (box: Box): TextRun => ({ ...box, fontName: ocrFontName });

async function paragraphs(boxes: Box[]): Promise<string[]> {
  const model = await documentFromOcrPages('pdf', [page(boxes)], defaultReadLimits, '');
  return model.blocks.flatMap((block) => (block.kind === 'paragraph' ? [block.text] : []));
}

describe('withBodySize', () => {
  it('gives the body lines one size, a short box of them too', () => {
    const sizes = withBodySize(welfare.map(run)).map((r) => r.size);
    expect(new Set(sizes).size).toBe(1);
    expect(sizes[0]).toBe(12.096);
  });

  it('keeps a title set clearly larger than the body', () => {
    const title = {
      text: '平等乡2023年度部门整体支出绩效自评报告',
      x: 100,
      y: 120,
      width: 400,
      size: 19.5,
      confidence: 0.99,
    };
    const runs = withBodySize([title, ...drugControl].map(run));
    expect(runs[0]!.size).toBe(19.5);
    expect(new Set(runs.slice(1).map((r) => r.size)).size).toBe(1);
  });

  it('keeps the paragraphs of the page together through the layout', async () => {
    expect(await paragraphs(welfare)).toEqual([
      '1.抓实民政政策兑现。目前全乡低保212户、608人，发放资金165.7206万元，特困33人，发放资金27.2763万元高龄补贴人员166人，发放金额7.156万元，重度残疾人护理补贴135人11.089万元，困难残疾人生活补贴80人9.21万元。',
      '2.抓实残联政策落实。对全乡200名持证残疾人逐一入户',
    ]);
    expect(await paragraphs(drugControl)).toEqual([drugControl.map((box) => box.text).join('')]);
  });
});

describe('pairWrappedBrackets', () => {
  /** Page 10, a cell of the scoring table: 「资金结余率（低效无效率）」 over three lines. */
  const opener = { text: '（低效无效', x: 168.12, y: 362.4264, width: 43.2, size: 9.504, confidence: 0.986 };
  const closer = { text: '率)', x: 175.68, y: 376.8696, width: 17.28, size: 10.656, confidence: 0.785 };

  it('gives a closer on the next line its opener’s width', () => {
    expect(pairWrappedBrackets([opener, closer].map(run)).map((r) => r.text)).toEqual(['（低效无效', '率）']);
  });

  it('leaves a closer alone with no open bracket right above it', () => {
    const elsewhere = { ...closer, x: 400 };
    const closed = { ...opener, text: '（低效无效）' };
    expect(pairWrappedBrackets([opener, elsewhere].map(run)).map((r) => r.text)).toEqual(['（低效无效', '率)']);
    expect(pairWrappedBrackets([closed, closer].map(run)).map((r) => r.text)).toEqual(['（低效无效）', '率)']);
    const far = { ...closer, y: opener.y + 40 };
    expect(pairWrappedBrackets([opener, far].map(run)).map((r) => r.text)).toEqual(['（低效无效', '率)']);
  });
});
