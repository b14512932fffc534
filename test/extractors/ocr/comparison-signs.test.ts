/**
 * Comparison signs of targets as PP-OCR damages them, and a box's figure confidence. The boxes are
 * real recogniser output (engine r3, copied from the OCR page records of the issue #14 scans: the
 * colour-seal and turned 90° forms, the 人社 photo, the basic-data photo, the seed), except the three
 * marked 「made up」, which vary one real box to show where the repair must stop.
 */
import { describe, expect, it } from 'vitest';
import { figureConfidence, repairComparisonSigns } from '../../../extractors/ocr/comparison-signs.js';
import { ocrPageText } from '../../../extractors/ocr/page-text.js';

/** ≥300户 on the turned form: 「2」 first, 「≥」 a close second. */
const turnedTarget = {
  text: '2300户',
  confidence: 0.884,
  characters: [0.426, 0.997, 0.999, 0.999, 0.998],
  doubts: [{ at: 0, text: '≥', p: 0.417 }],
};
/** ≤1350万元 under the colour scan's grain: 「<」 first, 「≤」 second. */
const colourTarget = {
  text: '<1350万元',
  confidence: 0.942,
  characters: [0.606, 0.998, 0.998, 0.999, 0.997, 0.997, 0.999],
  doubts: [{ at: 0, text: '≤', p: 0.224 }],
};
/** ≥95% in the photo: 「2」, runner-up 「>」, and 295% is no rate. */
const photoPercent = {
  text: '295%',
  confidence: 0.841,
  characters: [0.422, 1, 1, 0.941],
  doubts: [{ at: 0, text: '>', p: 0.174 }],
};
/** ≥1500人次 in the photo: a weak 「2」 and no runner-up worth keeping, every other digit sure. */
const photoCount = {
  text: '21500人次',
  confidence: 0.978,
  characters: [0.894, 0.99, 0.99, 0.989, 0.99, 0.992, 1],
  doubts: [],
};

describe('repairComparisonSigns', () => {
  it.each([
    // The runner-up is the sign: taken, with the runner-up's probability.
    [turnedTarget, '≥300户', 0.417],
    [colourTarget, '≤1350万元', 0.224],
    // A weak 「2」 before a percentage that would exceed 100%: what the 「2」 did not take.
    [photoPercent, '≥95%', 0.578],
    // A weak 「2」 opening a figure-with-unit box whose other digits are sure.
    [photoCount, '≥1500人次', 0.106],
    [
      { text: '22600人', confidence: 0.93, characters: [0.595, 0.996, 0.997, 0.998, 0.999, 0.993], doubts: [] },
      '≥2600人',
      0.405,
    ],
    // ≥95% in the photo after perspective correction: the sign read as nothing, 「≥」 0.27 where the blank won.
    [
      {
        text: '95%',
        confidence: 0.999,
        characters: [1, 1, 0.999],
        doubts: [{ at: 0, text: '≥', p: 0.271, skipped: true as const }],
      },
      '≥95%',
      0.271,
    ],
  ])('%j → %s', (box, text, confidence) => {
    const repaired = repairComparisonSigns(box);
    expect(repaired.text).toBe(text);
    expect(repaired.confidence).toBeCloseTo(confidence, 3);
    expect(repaired.repairs).toHaveLength(1);
    expect(repaired.repairs[0]!.from).toBe(box.text);
    expect(repaired.repairs[0]!.to).toBe(text);
  });

  it.each([
    // Signs read right, however weakly: left as they are.
    { text: '≥90%', confidence: 0.81, characters: [0.581, 1, 1, 0.66], doubts: [{ at: 0, text: '>', p: 0.273 }] },
    {
      text: '≥0.8万亩',
      confidence: 0.949,
      characters: [0.703, 0.998, 0.998, 0.998, 0.996, 1],
      doubts: [{ at: 0, text: '2', p: 0.181 }],
    },
    // A real leading 「2」 of an actual value, read surely.
    { text: '2718人', confidence: 0.995, characters: [0.993, 0.99, 0.999, 0.999, 0.995], doubts: [] },
    // A weak digit that is not at a sign's place (the photo's 45.00).
    { text: '45.00', confidence: 0.944, characters: [1, 0.724, 0.998, 1, 1], doubts: [] },
    // A narrative line of the seed (its first words left out): its 「25人」 is sure.
    {
      text: '我乡涉毒人员25人，',
      confidence: 0.994,
      characters: [0.999, 0.999, 0.999, 0.997, 0.985, 0.985, 0.984, 0.999, 0.925],
      doubts: [],
    },
    // Made up: every digit weak (a blurred cell) is no sign's evidence, so no repair.
    { text: '2300户', confidence: 0.7, characters: [0.6, 0.7, 0.8, 0.7, 0.9], doubts: [] },
    // Made up: a weak 「2」 inside a number stands in a digit's place, not a sign's.
    { text: '1250万元', confidence: 0.9, characters: [1, 0.5, 1, 1, 1, 1], doubts: [{ at: 1, text: '≥', p: 0.3 }] },
    // The photo's 实际规模（m²）: a glyph skipped, but no sign and no figure after it.
    {
      text: '实际规模（m）',
      confidence: 0.962,
      characters: [1, 1, 1, 0.998, 0.985, 0.975, 0.776],
      doubts: [{ at: 6, text: '²', p: 0.384, skipped: true as const }],
    },
    // Made up: a record of an engine before r3, without character probabilities.
    { text: '2300户', confidence: 0.884 },
  ])('leaves $text as it is', (box) => {
    expect(repairComparisonSigns(box)).toEqual({ text: box.text, repairs: [], confidence: undefined });
  });
});

describe('figureConfidence', () => {
  it('is the weakest digit where that is below the mean', () => {
    expect(figureConfidence(turnedTarget)).toBe(0.426);
    expect(figureConfidence({ text: '45.00', confidence: 0.944, characters: [1, 0.724, 0.998, 1, 1] })).toBe(0.724);
  });

  it('is the mean where the digits are sure, or where only a sign or a letter is weak', () => {
    expect(figureConfidence({ text: '≥95%', confidence: 0.955, characters: [0.82, 1, 1, 0.999] })).toBe(0.955);
    expect(figureConfidence({ text: '2300户', confidence: 0.884 })).toBe(0.884);
  });
});

describe('ocrPageText', () => {
  it('gives a repaired target its lowered confidence and a note saying what was read and why', () => {
    const box = { x: 300, y: 270, width: 35, size: 11 };
    const read = ocrPageText(
      {
        engine: 'test',
        width: 595,
        height: 842,
        boxes: [
          { ...box, ...turnedTarget },
          { ...box, y: 300, text: '≥95%', confidence: 0.993, characters: [0.972, 1, 1, 1], doubts: [] },
        ],
        rulings: { horizontal: [], vertical: [] },
        notes: [],
      },
      1,
    );
    expect(read.runs.map((run) => [run.text, run.confidence])).toEqual([
      ['≥300户', 0.417],
      ['≥95%', 0.993],
    ]);
    expect(read.problems.map((problem) => problem.message)).toEqual([
      '第1页识别出的「2300户」按「≥300户」读取（该字识别为「2」的把握0.43，为「≥」的把握0.42），请对照原件核对。',
    ]);
  });
});
