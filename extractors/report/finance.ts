/**
 * The finance part: 收入总额, 支出总额 and 结转结余 (「本年无结转结余」, 「结转结余：无」 are a stated 0),
 * from the narrative or from a small 收支 table. A figure found more than once with different values is
 * kept at its first statement in the finance part and reported as an ambiguous-figure problem.
 */
import type { Decimal } from 'decimal.js';
import type { Block, SourceLocation, TableBlock } from '../model/document-model.js';
import type { ExtractionRecorder } from './evidence.js';
import { statementEvidence } from './evidence.js';
import { scanTableMoney, type TableMoney } from './finance-tables.js';
import { type FigureRef, figuresOf, type Narrative } from './narrative.js';
import type { SectionMap } from './sections.js';

const INCOME = /收入总额|总收入|收入合计|收入共计|收入总计|本年收入|全年收入|年度收入/;
const EXPENDITURE = /支出总额|总支出|支出合计|支出共计|支出总计|本年支出|全年支出|年度支出/;
const CARRYOVER = /结转结余|结余结转|结转和结余|结转资金|结余资金|结转|结余/;
// 「本年无结转结余」, 「结转结余：无」, 「结转结余情况为零」.
const NO_CARRYOVER =
  /(?:无|没有|不存在|未产生|未形成)(?:结转结余|结转和结余|结余结转|结转|结余)|(?:结转结余|结转和结余|结余结转|结余)(?:情况|资金)?(?:为|是|[：:])?(?:无|零|0)(?![.\d效法])/;
/**
 * A table's label cell names the total and nothing else (「收入总额」, 「本年支出合计」, 「年末结转和结余」):
 * 「三公经费支出合计」 in a table of its own is not the unit's expenditure.
 */
const TABLE_QUALIFIER = '(?:\\d{4}年度?)?(?:本年度?|全年|年度|年末|期末|部门|单位)?';
const TABLE_INCOME = new RegExp(`^${TABLE_QUALIFIER}(?:总收入|收入(?:总额|合计|共计|总计)?)$`);
const TABLE_EXPENDITURE = new RegExp(`^${TABLE_QUALIFIER}(?:总支出|支出(?:总额|合计|共计|总计)?)$`);
const TABLE_CARRYOVER = new RegExp(
  `^${TABLE_QUALIFIER}(?:结转结余|结余结转|结转和结余|结转资金|结余资金)(?:资金|总额|合计)?$`,
);

/** The tables besides the scoring table, where a unit may state its finance figures. */
export interface FinanceTables {
  readonly blocks: readonly Block[];
  /** The scoring table and the tables continuing it. */
  readonly scoringParts: ReadonlySet<TableBlock>;
}

/** One statement of a figure, in a sentence or a table. */
interface Candidate {
  readonly value: Decimal | null;
  readonly raw: string;
  readonly inFinance: boolean;
  readonly location: SourceLocation;
  /** Records the figure under `path` and returns its value in yuan. */
  take(path: string, label: string): number;
  /** Marks it as one more statement of the figure taken. */
  same(path: string): void;
}

function fromSentence(ref: FigureRef, sections: SectionMap, recorder: ExtractionRecorder): Candidate {
  return {
    value: ref.figure.value,
    raw: ref.figure.raw,
    inFinance: sections.paragraphSections[ref.sentence.paragraph] === 'finance',
    location: ref.sentence.location,
    take: (path, label) => recorder.take(path, ref.sentence, ref.index, label),
    same: (path) => recorder.mark(ref.sentence, ref.index, path),
  };
}

/** The part a table stands in: that of the paragraph before it. */
function tableSection(table: TableBlock, narrative: Narrative, tables: FinanceTables, sections: SectionMap) {
  for (let i = tables.blocks.indexOf(table) - 1; i >= 0; i--) {
    const block = tables.blocks[i]!;
    if (block.kind === 'paragraph') return sections.paragraphSections[narrative.paragraphs.indexOf(block)] ?? null;
  }
  return null;
}

function fromTable(
  money: TableMoney,
  narrative: Narrative,
  tables: FinanceTables,
  sections: SectionMap,
  recorder: ExtractionRecorder,
): Candidate {
  const value = money.quantity?.value ?? null;
  return {
    value,
    raw: money.evidence.text,
    inFinance: tableSection(money.table, narrative, tables, sections) === 'finance',
    location: money.evidence.location,
    take: (path, label) => {
      recorder.record(path, { ...money.evidence, label });
      return value?.toNumber() ?? 0;
    },
    same: () => {},
  };
}

const firstPreferringFinance = (candidates: Candidate[]) => candidates.find((c) => c.inFinance) ?? candidates[0];

function tableCandidates(
  narrative: Narrative,
  sections: SectionMap,
  recorder: ExtractionRecorder,
  tables: FinanceTables,
  isLabel: (label: string) => boolean,
) {
  const scan = scanTableMoney(tables.blocks, tables.scoringParts, isLabel);
  const candidates = scan.figures.map((money) => ({
    label: money.label,
    candidate: fromTable(money, narrative, tables, sections, recorder),
  }));
  return { candidates, unitless: scan.unitless };
}

interface MoneySpec {
  readonly path: string;
  readonly what: string;
  readonly pattern: RegExp;
  /** Any 收入/支出 figure of the finance part will do when no total is named (「本年财政拨款收入801.86万元」). */
  readonly loose: RegExp;
  /** A table's label cell for the figure. */
  readonly tableLabel: RegExp;
}

function moneyFigure(
  narrative: Narrative,
  sections: SectionMap,
  recorder: ExtractionRecorder,
  tables: FinanceTables,
  spec: MoneySpec,
): number | null {
  const money = figuresOf(narrative.sentences).filter(
    (ref) => ref.figure.kind === 'money' && !/率/.test(ref.figure.label),
  );
  const labelOf = new Map<Candidate, string>();
  const add = (candidate: Candidate, label: string) => {
    labelOf.set(candidate, label);
    return candidate;
  };
  const strict = money
    .filter((ref) => spec.pattern.test(ref.figure.label))
    .map((ref) => add(fromSentence(ref, sections, recorder), spec.pattern.exec(ref.figure.label)![0]));
  const table = tableCandidates(narrative, sections, recorder, tables, (label) => spec.tableLabel.test(label));
  for (const { label, candidate } of table.candidates) {
    strict.push(add(candidate, spec.pattern.exec(label)?.[0] ?? label));
  }
  let candidates = strict;
  if (candidates.length === 0) {
    candidates = money
      .filter(
        (ref) => sections.paragraphSections[ref.sentence.paragraph] === 'finance' && spec.loose.test(ref.figure.label),
      )
      .map((ref) => add(fromSentence(ref, sections, recorder), spec.loose.exec(ref.figure.label)![0]));
  }
  const chosen = firstPreferringFinance(candidates);
  if (!chosen) {
    recorder.missing(spec.path, spec.what);
    for (const { location } of table.unitless) {
      recorder.problems.push({
        code: 'unparsed-number',
        message: `表格中的${spec.what}未注明金额单位（万元或元），未能读取`,
        path: spec.path,
        location: { ...location },
      });
    }
    return null;
  }
  const value = chosen.take(spec.path, labelOf.get(chosen)!);
  reportDisagreement(recorder, spec.path, spec.what, chosen, candidates);
  return value;
}

function reportDisagreement(
  recorder: ExtractionRecorder,
  path: string,
  what: string,
  chosen: Candidate,
  candidates: Candidate[],
) {
  for (const other of candidates) {
    if (other === chosen) continue;
    const agree =
      other.value === null || chosen.value === null ? other.value === chosen.value : other.value.equals(chosen.value);
    if (agree) {
      other.same(path);
      continue;
    }
    recorder.ambiguous(
      path,
      `${what}出现多个不同数值：「${chosen.raw}」与「${other.raw}」，已采用前者`,
      other.location,
    );
  }
}

export function parseIncome(
  narrative: Narrative,
  sections: SectionMap,
  recorder: ExtractionRecorder,
  tables: FinanceTables,
): number | null {
  return moneyFigure(narrative, sections, recorder, tables, {
    path: 'finance.income',
    what: '收入总额',
    pattern: INCOME,
    loose: /[\p{Script=Han}]*收入/u,
    tableLabel: TABLE_INCOME,
  });
}

export function parseExpenditure(
  narrative: Narrative,
  sections: SectionMap,
  recorder: ExtractionRecorder,
  tables: FinanceTables,
): number | null {
  return moneyFigure(narrative, sections, recorder, tables, {
    path: 'finance.expenditure',
    what: '支出总额',
    pattern: EXPENDITURE,
    loose: /[\p{Script=Han}]*支出/u,
    tableLabel: TABLE_EXPENDITURE,
  });
}

export function parseCarryover(
  narrative: Narrative,
  sections: SectionMap,
  recorder: ExtractionRecorder,
  tables: FinanceTables,
): number | null {
  const found: { value: number; candidate: Candidate; label: string }[] = [];
  for (const sentence of narrative.sentences) {
    sentence.figures.forEach((figure, index) => {
      if (figure.kind === 'money' && CARRYOVER.test(figure.label) && !/率/.test(figure.label)) {
        found.push({
          value: figure.value.toNumber(),
          candidate: fromSentence({ sentence, index, figure }, sections, recorder),
          label: CARRYOVER.exec(figure.label)![0],
        });
      }
    });
    const none = NO_CARRYOVER.exec(sentence.text.replace(/\s+/g, ''));
    if (none && !sentence.figures.some((f) => f.kind === 'money' && CARRYOVER.test(f.label))) {
      found.push({
        value: 0,
        label: '结转结余',
        candidate: {
          value: null,
          raw: sentence.text,
          inFinance: sections.paragraphSections[sentence.paragraph] === 'finance',
          location: sentence.location,
          take: (path, label) => {
            recorder.record(path, statementEvidence(sentence, label, 0));
            return 0;
          },
          same: () => {},
        },
      });
    }
  }
  const table = tableCandidates(narrative, sections, recorder, tables, (label) => TABLE_CARRYOVER.test(label));
  for (const { label, candidate } of table.candidates) {
    found.push({ value: candidate.value?.toNumber() ?? 0, candidate, label: CARRYOVER.exec(label)![0] });
  }
  const chosen = found.find((f) => f.candidate.inFinance) ?? found[0];
  if (!chosen) {
    recorder.missing('finance.carryover', '结转结余');
    return null;
  }
  chosen.candidate.take('finance.carryover', chosen.label);
  for (const other of found) {
    if (other !== chosen && other.value !== chosen.value) {
      recorder.ambiguous(
        'finance.carryover',
        '结转结余出现多个不同数值，已采用财政资金收支情况部分的数值',
        other.candidate.location,
      );
    }
  }
  return chosen.value;
}
