/**
 * A figure of the typed report together with its evidence and stated precision: the value comes
 * from the report (the source of truth), precision, approximation and unit from the evidence the
 * parser recorded under the same dotted path.
 */
import { Decimal } from 'decimal.js';
import type { Evidence } from '../../extractors/model/report-schema.js';
import type { DeepReadonly, RuleContext } from '../rule.js';
import { formatInUnit } from './format.js';
import { type Quantity, quantity } from './interval.js';
import type { EvidencePath, RepeatedFigurePath, ReportPath } from './report-path.js';

export interface StatedFigure {
  /** Where the figure is: its report path, or its place among the figures stated twice. */
  readonly path: EvidencePath | RepeatedFigurePath;
  readonly quantity: Quantity;
  readonly evidence: DeepReadonly<Evidence> | null;
  /** The unit as the document wrote it (万元, 元, 人, 分, …). */
  readonly unit: string;
}

export type FigureKind = 'money' | 'count' | 'points' | 'rate';

function valueAt(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function writtenUnit(evidence: DeepReadonly<Evidence> | null, kind: FigureKind, fallback: string): string {
  if (evidence?.unit) return evidence.unit;
  if (kind === 'money') {
    // The parser normally records the unit; without it the cell or sentence text still tells 万元 from 元.
    if (evidence?.text.includes('亿元')) return '亿元';
    if (evidence?.text.includes('万元')) return '万元';
    return '元';
  }
  if (kind === 'rate') return fallback || '%';
  return fallback;
}

/**
 * The report's figure at `path` ("finance.income", "scoring.items.3.max"), or null when the
 * document does not state it (rules whose inputs are not all stated stay silent).
 */
export function stated(
  context: Pick<RuleContext<unknown, string>, 'submission'>,
  path: ReportPath,
  kind: FigureKind,
  fallbackUnit = '',
): StatedFigure | null {
  const value = valueAt(context.submission.report, path);
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const evidence = context.submission.extraction.evidence[path] ?? null;
  const half = evidence?.halfUnit ?? 0;
  return {
    path,
    quantity: quantity(new Decimal(value), Number.isFinite(half) ? half : 0, evidence?.approximate ?? false),
    evidence,
    unit: writtenUnit(evidence, kind, fallbackUnit),
  };
}

/** A figure known only by its evidence (e.g. one occurrence of a repeated project amount); null when it has no value. */
export function statedFromEvidence(
  evidence: DeepReadonly<Evidence>,
  path: RepeatedFigurePath,
  kind: FigureKind,
  fallbackUnit = '',
): StatedFigure | null {
  if (typeof evidence.value !== 'number' || !Number.isFinite(evidence.value)) return null;
  const half = evidence.halfUnit ?? 0;
  return {
    path,
    quantity: quantity(new Decimal(evidence.value), Number.isFinite(half) ? half : 0, evidence.approximate ?? false),
    evidence,
    unit: writtenUnit(evidence, kind, fallbackUnit),
  };
}

/** All of the figures, or null when any is not stated. */
export function allStated<T>(figures: readonly (T | null)[]): T[] | null {
  return figures.every((f) => f !== null) ? (figures as T[]) : null;
}

/** The evidence of the figures that have some, in the order given. */
export function evidenceOf(...figures: readonly (StatedFigure | null)[]): DeepReadonly<Evidence>[] {
  const out: DeepReadonly<Evidence>[] = [];
  for (const figure of figures) if (figure?.evidence) out.push(figure.evidence);
  return out;
}

/** A stated figure as the document wrote it, e.g. 「801.86万元」, 「31名」. */
export function show(figure: StatedFigure): string {
  return formatInUnit(figure.quantity.value, figure.unit, { halves: [figure.quantity.half] });
}

/** A computed value (sum, difference) shown in the unit and precision of the figures it came from. */
export function showLike(value: Decimal.Value, figures: readonly StatedFigure[]): string {
  const unit = preferredUnit(figures);
  return formatInUnit(value, unit, { halves: figures.map((f) => f.quantity.half), trim: true });
}

function preferredUnit(figures: readonly StatedFigure[]): string {
  // The coarsest unit among the inputs reads most naturally (万元 over 元).
  let best = figures[0]?.unit ?? '';
  for (const f of figures) if (scaleRank(f.unit) > scaleRank(best)) best = f.unit;
  return best;
}

function scaleRank(unit: string): number {
  if (unit.startsWith('亿')) return 2;
  if (unit.startsWith('万')) return 1;
  return 0;
}
