/** 提取提示 for figures OCR read below the threshold: numbers, and a form's stated targets and actuals. */
import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../../extractors/model/report-schema.js';
import { doubtfulFigures } from '../../../extractors/report/evidence.js';

const cell = (label: string, text: string, value: number | null, confidence?: number): Evidence => ({
  label,
  value,
  text,
  location: { table: 2, row: 3, column: 4, page: 1 },
  halfUnit: 0,
  approximate: false,
  ...(confidence === undefined ? {} : { confidence }),
});

describe('doubtfulFigures', () => {
  it('lists a stated target read with low confidence, though its value is text', () => {
    const problems = doubtfulFigures(
      {
        'scoring.items.0.target': cell('改造农村户厕（年度指标值）', '≥300户', null, 0.417),
        'scoring.items.0.actual': cell('改造农村户厕（实际完成值）', '306户', null, 0.996),
        'scoring.items.0.score': cell('改造农村户厕', '10', 10, 0.6),
      },
      0.85,
    );
    expect(problems.map((problem) => [problem.code, problem.path, problem.message])).toEqual([
      [
        'ocr-uncertain',
        'scoring.items.0.target',
        '第1页「改造农村户厕（年度指标值）」识别为「≥300户」，识别置信度0.42，识别存疑，请对照原件核对。',
      ],
      [
        'ocr-uncertain',
        'scoring.items.0.score',
        '第1页「改造农村户厕」识别为「10」，识别置信度0.60，识别存疑，请对照原件核对。',
      ],
    ]);
  });

  it('leaves out labels and wording without a figure, and anything without a confidence', () => {
    const problems = doubtfulFigures(
      {
        'scoring.items.0.path': cell('改造农村户厕', '改造农村户厕', null, 0.5),
        'scoring.items.1.target': cell('就业服务体系运行（年度指标值）', '长期', null, 0.5),
        'scoring.items.2.target': cell('受益群众满意度（年度指标值）', '≥90%', null),
      },
      0.85,
    );
    expect(problems).toEqual([]);
  });
});
