/** The welfare groups the welfare.* rules check: every stated benefit, plus the top-level 低保 figures when no benefit repeats them. */
import type { RuleContext } from '../rule.js';
import { type StatedFigure, stated } from './stated.js';

export interface BenefitFigures {
  readonly label: string;
  readonly households: StatedFigure | null;
  readonly persons: StatedFigure | null;
  readonly funds: StatedFigure | null;
}

export function benefitGroups(context: Pick<RuleContext<unknown, string>, 'submission'>): BenefitFigures[] {
  const { welfare } = context.submission.report.facts;
  const groups: BenefitFigures[] = welfare.benefits.map((benefit, i) => ({
    label: benefit.label,
    households: stated(context, `facts.welfare.benefits.${i}.households`, 'count', '户'),
    persons: stated(context, `facts.welfare.benefits.${i}.persons`, 'count', '人'),
    funds: stated(context, `facts.welfare.benefits.${i}.funds`, 'money'),
  }));
  const dibaoRepeated = welfare.benefits.some(
    (b) =>
      b.label.includes('低保') &&
      b.households === welfare.dibaoHouseholds &&
      b.persons === welfare.dibaoPersons &&
      b.funds === welfare.dibaoFunds,
  );
  if (!dibaoRepeated) {
    groups.unshift({
      label: '低保',
      households: stated(context, 'facts.welfare.dibaoHouseholds', 'count', '户'),
      persons: stated(context, 'facts.welfare.dibaoPersons', 'count', '人'),
      funds: stated(context, 'facts.welfare.dibaoFunds', 'money'),
    });
  }
  return groups;
}
