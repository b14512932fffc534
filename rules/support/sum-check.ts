/** The shared shape of "total = Σ parts" rules: gather the stated figures, stay silent unless all are stated, compare as intervals. */
import type { RuleContext } from '../rule.js';
import { sumFails, sumOf } from './interval.js';
import type { ReportPath } from './report-path.js';
import { allStated, type FigureKind, type StatedFigure, stated } from './stated.js';

export interface SumMismatch {
  readonly total: StatedFigure;
  readonly parts: readonly StatedFigure[];
  readonly sum: StatedFigure['quantity'];
}

/** Null when some figure is not stated, some is approximate, or the parts add up within precision. */
export function sumMismatch(
  context: Pick<RuleContext<unknown, string>, 'submission'>,
  totalPath: ReportPath,
  partPaths: readonly ReportPath[],
  kind: FigureKind,
  fallbackUnit = '',
): SumMismatch | null {
  const figures = allStated([totalPath, ...partPaths].map((path) => stated(context, path, kind, fallbackUnit)));
  if (!figures) return null;
  const [total, ...parts] = figures as [StatedFigure, ...StatedFigure[]];
  const quantities = parts.map((p) => p.quantity);
  if (!sumFails(total.quantity, quantities)) return null;
  return { total, parts, sum: sumOf(quantities) };
}
