/**
 * The finance part: 收入总额, 支出总额 and 结转结余 (「本年无结转结余」 is a stated 0). A figure found
 * more than once with different values is kept at its first statement in the finance part and
 * reported as an ambiguous-figure problem.
 */
import type { ExtractionRecorder } from './report-evidence.js';
import { statementEvidence } from './report-evidence.js';
import { type FigureRef, figuresOf, type Narrative, type NarrativeSentence } from './report-narrative.js';
import type { SectionMap } from './report-sections.js';

const INCOME = /收入总额|总收入|收入合计|收入共计|收入总计|本年收入|全年收入|年度收入/;
const EXPENDITURE = /支出总额|总支出|支出合计|支出共计|支出总计|本年支出|全年支出|年度支出/;
const CARRYOVER = /结转结余|结余结转|结转和结余|结转资金|结余资金|结转|结余/;
// 「本年无结转结余」, 「结转结余：无」, 「结转结余情况为零」.
const NO_CARRYOVER =
  /(?:无|没有|不存在|未产生|未形成)(?:结转结余|结转和结余|结余结转|结转|结余)|(?:结转结余|结转和结余|结余结转|结余)(?:情况|资金)?(?:为|是|[：:])?(?:无|零|0)(?![.\d效法])/;

interface Found {
  value: number;
  evidenceLabel: string;
  ref: FigureRef | null;
  sentence: NarrativeSentence;
}

function firstPreferringFinance<T extends { sentence: NarrativeSentence }>(
  candidates: T[],
  sections: SectionMap,
): T | undefined {
  return candidates.find((c) => sections.paragraphSections[c.sentence.paragraph] === 'finance') ?? candidates[0];
}

function moneyFigure(
  narrative: Narrative,
  sections: SectionMap,
  recorder: ExtractionRecorder,
  path: string,
  pattern: RegExp,
  loose: RegExp,
  what: string,
): number | null {
  const money = figuresOf(narrative.sentences).filter(
    (ref) => ref.figure.kind === 'money' && !/率/.test(ref.figure.label),
  );
  let candidates = money.filter((ref) => pattern.test(ref.figure.label));
  // 「本年财政拨款收入801.86万元」: in the finance part, any 收入/支出 figure will do when no total is named.
  if (candidates.length === 0) {
    candidates = money.filter(
      (ref) => sections.paragraphSections[ref.sentence.paragraph] === 'finance' && loose.test(ref.figure.label),
    );
  }
  const chosen = firstPreferringFinance(candidates, sections);
  if (!chosen) {
    recorder.missing(path, what);
    return null;
  }
  const label = (pattern.exec(chosen.figure.label) ?? loose.exec(chosen.figure.label))![0];
  const value = recorder.take(path, chosen.sentence, chosen.index, label);
  reportDisagreement(recorder, path, what, chosen, candidates);
  return value;
}

function reportDisagreement(
  recorder: ExtractionRecorder,
  path: string,
  what: string,
  chosen: FigureRef,
  candidates: FigureRef[],
) {
  for (const other of candidates) {
    if (other === chosen) continue;
    if (other.figure.value.equals(chosen.figure.value)) {
      recorder.mark(other.sentence, other.index, path);
      continue;
    }
    recorder.ambiguous(
      path,
      `${what}出现多个不同数值：「${chosen.figure.raw}」与「${other.figure.raw}」，已采用前者`,
      other.sentence.location,
    );
  }
}

export function parseIncome(narrative: Narrative, sections: SectionMap, recorder: ExtractionRecorder): number | null {
  return moneyFigure(narrative, sections, recorder, 'finance.income', INCOME, /[\p{Script=Han}]*收入/u, '收入总额');
}

export function parseExpenditure(
  narrative: Narrative,
  sections: SectionMap,
  recorder: ExtractionRecorder,
): number | null {
  return moneyFigure(
    narrative,
    sections,
    recorder,
    'finance.expenditure',
    EXPENDITURE,
    /[\p{Script=Han}]*支出/u,
    '支出总额',
  );
}

export function parseCarryover(
  narrative: Narrative,
  sections: SectionMap,
  recorder: ExtractionRecorder,
): number | null {
  const found: Found[] = [];
  for (const sentence of narrative.sentences) {
    sentence.figures.forEach((figure, index) => {
      if (figure.kind === 'money' && CARRYOVER.test(figure.label) && !/率/.test(figure.label)) {
        found.push({
          value: figure.value.toNumber(),
          evidenceLabel: CARRYOVER.exec(figure.label)![0],
          ref: { sentence, index, figure },
          sentence,
        });
      }
    });
    const none = NO_CARRYOVER.exec(sentence.text.replace(/\s+/g, ''));
    if (none && !sentence.figures.some((f) => f.kind === 'money' && CARRYOVER.test(f.label))) {
      found.push({ value: 0, evidenceLabel: '结转结余', ref: null, sentence });
    }
  }
  const chosen = firstPreferringFinance(found, sections);
  if (!chosen) {
    recorder.missing('finance.carryover', '结转结余');
    return null;
  }
  if (chosen.ref) {
    recorder.take('finance.carryover', chosen.sentence, chosen.ref.index, chosen.evidenceLabel);
  } else {
    recorder.record('finance.carryover', statementEvidence(chosen.sentence, chosen.evidenceLabel, 0));
  }
  for (const other of found) {
    if (other !== chosen && other.value !== chosen.value) {
      recorder.ambiguous(
        'finance.carryover',
        '结转结余出现多个不同数值，已采用财政资金收支情况部分的数值',
        other.sentence.location,
      );
    }
  }
  return chosen.value;
}
