/**
 * The typed report of SPEC §3 as zod schemas: the single source of truth for the report's types
 * and for the JSON `check --json` prints. Keys may be added, never renamed.
 * Money is in yuan, areas in 亩, people and items as counts, rates as fractions (SPEC §2).
 * A figure the document does not state is null; an absent list is [].
 */
import { z } from 'zod';

const count = z.number().nullable();
const money = z.number().nullable();

/** A PDF figure's outline: [x0, y0, x1, y1] in PDF points from the page's lower-left corner (SPEC §7). */
export const boxSchema = z.tuple([z.number(), z.number(), z.number(), z.number()]);
export const textLocationSchema = z.object({
  page: z.number().int().positive().nullable(),
  paragraph: z.number().int().nonnegative(),
  box: boxSchema.optional(),
});
export const cellLocationSchema = z.object({
  /** The sheet's name, for a spreadsheet cell (SPEC §7); absent for DOCX/PDF tables. */
  sheet: z.string().optional(),
  table: z.number().int().nonnegative(),
  row: z.number().int().nonnegative(),
  column: z.number().int().nonnegative(),
  /** A spreadsheet cell's address in its sheet, as Excel shows it (「C7」). */
  cell: z
    .string()
    .regex(/^[A-Z]{1,3}[1-9]\d*$/)
    .optional(),
  /** Page of a PDF table cell (1-based), when known. */
  page: z.number().int().positive().optional(),
  box: boxSchema.optional(),
});
export const locationSchema = z.union([cellLocationSchema, textLocationSchema]);

export const staffingSchema = z.object({
  authorized: z.object({ total: count, administrative: count, service: count, institutional: count }),
  actual: z.object({ total: count, administrative: count, service: count, institutional: count, retired: count }),
  /** Stated 控制率 (实际在职人数 ÷ 编制数) as a fraction, from a basic-data table (SPEC §7). */
  controlRate: z.number().nullable(),
});

export const projectSchema = z.object({
  name: z.string(),
  amount: money,
});

export const financeSchema = z.object({
  income: money,
  expenditure: money,
  carryover: money,
  /** Projects as listed in 一（四）部门整体支出绩效目标 (the first listing). */
  projects: z.array(projectSchema),
  /** What 「100万以上项目」 says: "none" for 无, "listed" when it names projects, null when absent. Extension. */
  largeProjectsClaim: z.enum(['none', 'listed']).nullable(),
  /** 基本支出 and 项目支出 totals (按支出性质分 rows of a form's funds block, or stated in a report) (SPEC §7). */
  basicExpenditure: money,
  projectExpenditure: money,
});

export const scoringItemSchema = z.object({
  /** [一级, 二级, 三级] names without their points, e.g. ["部门预算项目绩效管理", "目标管理", "目标制定"]; ["扣分项"] for the deduction row. */
  path: z.array(z.string()),
  max: z.number().nullable(),
  score: z.number().nullable(),
  deduction: z.boolean(),
  /** A form's 年度指标值 cell text as stated (SPEC §7); null where the document has no such column. */
  target: z.string().nullable(),
  /** A form's 实际完成值 cell text as stated; null where the document has no such column. */
  actual: z.string().nullable(),
});

export const scoringGroupSchema = z.object({
  path: z.array(z.string()),
  declaredMax: z.number(),
});

export const scoringSchema = z.object({
  items: z.array(scoringItemSchema),
  groups: z.array(scoringGroupSchema),
  tableTotal: z.number().nullable(),
  conclusionScore: z.number().nullable(),
  /** The stated 自评等级 (优/良/中/差), or null (SPEC §7). */
  grade: z.string().nullable(),
});

export const drugControlSchema = z.object({
  registered: count,
  deceased: count,
  imprisoned: count,
  compulsoryRehab: count,
  communityRehab: count,
  abstinent: count,
  ledgerCount: count,
  /** Extension: persons under each control level, e.g. [{level: "二级管控", count: 3}]. */
  controlLevels: z.array(z.object({ level: z.string(), count: z.number() })),
});

export const safetySchema = z.object({
  hazardsFound: count,
  hazardsFixed: count,
  hazardsPending: count,
});

/** Extension: every benefit or group stated with households, persons and/or funds (低保, 特困, 高龄补贴, 监测户, …). */
export const benefitSchema = z.object({
  label: z.string(),
  households: count,
  persons: count,
  funds: money,
});

export const welfareSchema = z.object({
  dibaoHouseholds: count,
  dibaoPersons: count,
  dibaoFunds: money,
  benefits: z.array(benefitSchema),
});

/** The four kinds of document a unit sends (SPEC §6). */
export const documentKinds = ['report', 'overall-form', 'project-form', 'basic-data'] as const;
export type DocumentKind = (typeof documentKinds)[number];

/** One 其中 row of a form's funds block (SPEC §7). */
export const budgetLineSchema = z.object({
  name: z.string(),
  /** source: 财政拨款/上年结转/其他资金; income: 按收入性质分; expenditure: 按支出性质分. */
  group: z.enum(['source', 'income', 'expenditure']),
  initial: money,
  adjusted: money,
  executed: money,
});

/** A form's funds block: 年度资金总额 with its 年初预算数 / 全年预算数 / 全年执行数, 分值, 执行率 and 得分 (SPEC §7). */
export const budgetSchema = z.object({
  initial: money,
  adjusted: money,
  executed: money,
  /** Stated 执行率 as a fraction. */
  rate: z.number().nullable(),
  max: z.number().nullable(),
  score: z.number().nullable(),
  lines: z.array(budgetLineSchema),
});

export const reportSchema = z.object({
  kind: z.enum(documentKinds),
  unit: z.string().nullable(),
  year: z.number().int().nullable(),
  /** 项目名称 of a project-form, else null. */
  project: z.string().nullable(),
  /** The funds block of a form (null when the document has none). */
  budget: budgetSchema.nullable(),
  staffing: staffingSchema,
  finance: financeSchema,
  scoring: scoringSchema,
  facts: z.object({
    drugControl: drugControlSchema,
    safety: safetySchema,
    welfare: welfareSchema,
  }),
});

export type Report = z.infer<typeof reportSchema>;

/** A report of the given kind that states nothing: every figure null, every list empty. */
export function emptyReport(kind: Report['kind']): Report {
  return {
    kind,
    unit: null,
    year: null,
    project: null,
    budget: null,
    staffing: {
      authorized: { total: null, administrative: null, service: null, institutional: null },
      actual: { total: null, administrative: null, service: null, institutional: null, retired: null },
      controlRate: null,
    },
    finance: {
      income: null,
      expenditure: null,
      carryover: null,
      projects: [],
      largeProjectsClaim: null,
      basicExpenditure: null,
      projectExpenditure: null,
    },
    scoring: { items: [], groups: [], tableTotal: null, conclusionScore: null, grade: null },
    facts: {
      drugControl: {
        registered: null,
        deceased: null,
        imprisoned: null,
        compulsoryRehab: null,
        communityRehab: null,
        abstinent: null,
        ledgerCount: null,
        controlLevels: [],
      },
      safety: { hazardsFound: null, hazardsFixed: null, hazardsPending: null },
      welfare: { dibaoHouseholds: null, dibaoPersons: null, dibaoFunds: null, benefits: [] },
    },
  };
}

export type ScoringItem = z.infer<typeof scoringItemSchema>;
export type ScoringGroup = z.infer<typeof scoringGroupSchema>;
export type Project = z.infer<typeof projectSchema>;
export type Benefit = z.infer<typeof benefitSchema>;
export type Budget = z.infer<typeof budgetSchema>;
export type BudgetLine = z.infer<typeof budgetLineSchema>;

/**
 * Evidence of one figure (SPEC §3 `evidence` entries, extended): its label, value in base units,
 * the sentence or cell text it came from, where, and its stated precision.
 * `halfUnit` is half of the last stated digit in base units (801.86万元 → 50); 0 for exact counts.
 */
export const evidenceSchema = z.object({
  label: z.string(),
  value: z.number().nullable(),
  text: z.string(),
  location: locationSchema,
  halfUnit: z.number().optional(),
  approximate: z.boolean().optional(),
  unit: z.string().optional(),
  /** Recognition confidence (0–1) of a figure read by OCR (SPEC §7). */
  confidence: z.number().min(0).max(1).optional(),
  /** The document the figure is in: set on the evidence of a package finding (SPEC §7), which spans several files. */
  file: z.string().optional(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

/** A number found in a sentence of the narrative, for the `text.*` rules. Values in base units as decimal strings for exact arithmetic. */
export const figureSchema = z.object({
  /** The number as written, e.g. "801.86万元", "三十余项", "96%". */
  raw: z.string(),
  /** Value in base units (yuan, 亩, count, fraction for rates, the year for years) as a decimal string. */
  value: z.string(),
  /** Half of the last stated digit in base units, as a decimal string ("50" for 801.86万元, "0" for 25人, "0.005" for 96%). */
  halfUnit: z.string(),
  /** Base unit kind. */
  kind: z.enum(['money', 'area', 'count', 'rate', 'year', 'points', 'other']),
  /** The measure word or unit as written after the number: 人, 户, 起, 万元, %, 年, … ("" if none). */
  unit: z.string(),
  approximate: z.boolean(),
  /** The label words nearest the number in its clause (before or after), e.g. "涉毒人员", "羁押服刑", "成功率". */
  label: z.string(),
  /** Character offsets of `raw` in the sentence text. */
  start: z.number().int(),
  end: z.number().int(),
  /** PDF only: the figure's own page and `box` (SPEC §7); the sentence's location otherwise. */
  location: textLocationSchema.optional(),
  /** Recognition confidence (0–1) when the figure was read by OCR (SPEC §7), as its evidence carries it. */
  confidence: z.number().min(0).max(1).optional(),
  /** Dotted report path when a typed extractor took this figure (e.g. "facts.drugControl.registered"), else null. */
  usedBy: z.string().nullable(),
});
export type Figure = z.infer<typeof figureSchema>;

export const sentenceSchema = z.object({
  text: z.string(),
  location: textLocationSchema,
  /** 0-based character offset of this sentence in its paragraph. */
  offset: z.number().int(),
  figures: z.array(figureSchema),
});
export type Sentence = z.infer<typeof sentenceSchema>;

/** A numbered heading as found in the text: 一、 (level 1), （一） (level 2), 1. / 1、 (level 3). */
export const headingSchema = z.object({
  marker: z.string(),
  level: z.number().int(),
  number: z.number().int(),
  text: z.string(),
  location: textLocationSchema,
});
export type Heading = z.infer<typeof headingSchema>;

export const extractionProblemSchema = z.object({
  code: z.string(),
  message: z.string(),
  path: z.string().nullable(),
  location: locationSchema.nullable(),
});

/**
 * The parts of each kind of document and whether each was found, with where: the narrative
 * template's (SPEC §1), then the forms' (SPEC §6): header, funds block, 年度总体目标, 绩效指标, 总分;
 * and the basic-data table's 财政供养人员情况, 经费控制情况, 楼堂馆所控制情况.
 */
export const sectionKeys = [
  'title',
  'basicInfo',
  'finance',
  'performance',
  'conclusion',
  'scoringTable',
  'formHeader',
  'funds',
  'goals',
  'indicators',
  'formTotal',
  'staffingTable',
  'expenseControl',
  'buildingControl',
] as const;
export type SectionKey = (typeof sectionKeys)[number];

/** What each part is called in a message to the unit. */
export const sectionNames: Readonly<Record<SectionKey, string>> = {
  title: '标题（部门整体绩效自评报告）',
  basicInfo: '部门基本情况',
  finance: '部门财政资金收支情况',
  performance: '部门整体绩效管理情况',
  conclusion: '评价结论及建议',
  scoringTable: '部门整体绩效自评打分表',
  formHeader: '表头（单位名称或项目名称）',
  funds: '资金情况（年度资金总额）',
  goals: '年度总体目标',
  indicators: '绩效指标',
  formTotal: '总分',
  staffingTable: '财政供养人员情况',
  expenseControl: '经费控制情况',
  buildingControl: '楼堂馆所控制情况',
};

/** The parts each kind of form must have (a report's are the template's, configurable in structure.required-sections). */
export const formSections: Readonly<Record<Exclude<DocumentKind, 'report'>, readonly SectionKey[]>> = {
  'overall-form': ['formHeader', 'funds', 'goals', 'indicators', 'formTotal'],
  'project-form': ['formHeader', 'funds', 'goals', 'indicators', 'formTotal'],
  'basic-data': ['staffingTable', 'expenseControl', 'buildingControl'],
};

/**
 * Everything the report parser gives the rules: the report itself plus its sidecar
 * (evidence per figure path, sentences with figures, headings, sections, problems).
 * The sidecar is printed as `extraction` beside `report` in the JSON, so that `report` is the
 * same for a DOCX and the PDF made from it while every figure can still be traced.
 */
export const extractionSchema = z.object({
  /** Evidence per dotted report path: "finance.income", "scoring.items.3.score", "finance.projects.0.amount", … */
  evidence: z.record(z.string(), evidenceSchema),
  /** Every occurrence of a project amount or fund figure, for funds.repeated-figure: name → evidences. */
  repeatedFigures: z.array(z.object({ name: z.string(), occurrences: z.array(evidenceSchema) })),
  sentences: z.array(sentenceSchema),
  headings: z.array(headingSchema),
  /** The narrative template's six parts are always listed; a form's parts (SPEC §6) only where the document is or holds a form. */
  sections: z.object({
    title: locationSchema.nullable(),
    basicInfo: locationSchema.nullable(),
    finance: locationSchema.nullable(),
    performance: locationSchema.nullable(),
    conclusion: locationSchema.nullable(),
    scoringTable: locationSchema.nullable(),
    formHeader: locationSchema.nullable().optional(),
    funds: locationSchema.nullable().optional(),
    goals: locationSchema.nullable().optional(),
    indicators: locationSchema.nullable().optional(),
    formTotal: locationSchema.nullable().optional(),
    staffingTable: locationSchema.nullable().optional(),
    expenseControl: locationSchema.nullable().optional(),
    buildingControl: locationSchema.nullable().optional(),
  }),
  problems: z.array(extractionProblemSchema),
  /** True when any page was read by OCR (SPEC §7). */
  ocr: z.boolean(),
  /**
   * Report paths of the figures OCR read below `ocr.minConfidence` (识别存疑), set by the pipeline
   * when it checks the file with that run's threshold; absent for a born-digital file.
   */
  uncertainFigures: z.array(z.string()).optional(),
});
export type Extraction = z.infer<typeof extractionSchema>;

export interface ParsedSubmission {
  report: Report;
  extraction: Extraction;
}
