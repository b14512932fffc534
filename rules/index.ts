/**
 * The rule registry: ONE explicitly sorted map from rule id to rule (a test checks that each key
 * is its file name and its meta.id, and that the keys are sorted), and the catalogue order of
 * SPEC §4, in which findings are listed.
 */

import budgetExecutionRate from './budget.execution-rate.js';
import budgetExecutionScore from './budget.execution-score.js';
import budgetSourcesSum from './budget.sources-sum.js';
import drugBreakdown from './drug.breakdown.js';
import drugLedger from './drug.ledger.js';
import type { Severity } from './finding-schema.js';
import fundsBalance from './funds.balance.js';
import fundsExecutionMatchesExpenditure from './funds.execution-matches-expenditure.js';
import fundsLargeProjectClaim from './funds.large-project-claim.js';
import fundsProjectsWithinExpenditure from './funds.projects-within-expenditure.js';
import fundsRepeatedFigure from './funds.repeated-figure.js';
import packageFiguresAgree from './package.figures-agree.js';
import type { Rule } from './rule.js';
import safetyHazards from './safety.hazards.js';
import scoringConclusionMatchesTable from './scoring.conclusion-matches-table.js';
import scoringGradeMatchesTotal from './scoring.grade-matches-total.js';
import scoringGroupPoints from './scoring.group-points.js';
import scoringItemWithinMax from './scoring.item-within-max.js';
import scoringMaxTotal from './scoring.max-total.js';
import scoringTableTotal from './scoring.table-total.js';
import scoringTargetMissedFullMarks from './scoring.target-missed-full-marks.js';
import staffingActualSum from './staffing.actual-sum.js';
import staffingActualWithinAuthorized from './staffing.actual-within-authorized.js';
import staffingAuthorizedSum from './staffing.authorized-sum.js';
import staffingControlRate from './staffing.control-rate.js';
import structureNumbering from './structure.numbering.js';
import structureRequiredSections from './structure.required-sections.js';
import textBreakdownSum from './text.breakdown-sum.js';
import textRate from './text.rate.js';
import textYearMismatch from './text.year-mismatch.js';
import welfareHouseholdsPersons from './welfare.households-persons.js';
import welfarePerCapita from './welfare.per-capita.js';

export const rules: Readonly<Record<string, Rule>> = {
  'budget.execution-rate': budgetExecutionRate,
  'budget.execution-score': budgetExecutionScore,
  'budget.sources-sum': budgetSourcesSum,
  'drug.breakdown': drugBreakdown,
  'drug.ledger': drugLedger,
  'funds.balance': fundsBalance,
  'funds.execution-matches-expenditure': fundsExecutionMatchesExpenditure,
  'funds.large-project-claim': fundsLargeProjectClaim,
  'funds.projects-within-expenditure': fundsProjectsWithinExpenditure,
  'funds.repeated-figure': fundsRepeatedFigure,
  'package.figures-agree': packageFiguresAgree,
  'safety.hazards': safetyHazards,
  'scoring.conclusion-matches-table': scoringConclusionMatchesTable,
  'scoring.grade-matches-total': scoringGradeMatchesTotal,
  'scoring.group-points': scoringGroupPoints,
  'scoring.item-within-max': scoringItemWithinMax,
  'scoring.max-total': scoringMaxTotal,
  'scoring.table-total': scoringTableTotal,
  'scoring.target-missed-full-marks': scoringTargetMissedFullMarks,
  'staffing.actual-sum': staffingActualSum,
  'staffing.actual-within-authorized': staffingActualWithinAuthorized,
  'staffing.authorized-sum': staffingAuthorizedSum,
  'staffing.control-rate': staffingControlRate,
  'structure.numbering': structureNumbering,
  'structure.required-sections': structureRequiredSections,
  'text.breakdown-sum': textBreakdownSum,
  'text.rate': textRate,
  'text.year-mismatch': textYearMismatch,
  'welfare.households-persons': welfareHouseholdsPersons,
  'welfare.per-capita': welfarePerCapita,
};

/** SPEC §4 order: structure, staffing, funds, scoring, facts, text; the SPEC §8 rules join their area, the package last. */
export const ruleCatalogue: readonly string[] = [
  'structure.required-sections',
  'structure.numbering',
  'staffing.authorized-sum',
  'staffing.actual-sum',
  'staffing.actual-within-authorized',
  'staffing.control-rate',
  'funds.balance',
  'funds.projects-within-expenditure',
  'funds.large-project-claim',
  'funds.repeated-figure',
  'funds.execution-matches-expenditure',
  'budget.sources-sum',
  'budget.execution-rate',
  'budget.execution-score',
  'scoring.item-within-max',
  'scoring.group-points',
  'scoring.max-total',
  'scoring.table-total',
  'scoring.conclusion-matches-table',
  'scoring.target-missed-full-marks',
  'scoring.grade-matches-total',
  'drug.breakdown',
  'drug.ledger',
  'safety.hazards',
  'welfare.households-persons',
  'welfare.per-capita',
  'text.breakdown-sum',
  'text.rate',
  'text.year-mismatch',
  'package.figures-agree',
];

export function ruleById(id: string): Rule | undefined {
  return Object.hasOwn(rules, id) ? rules[id] : undefined;
}

/** The catalogue for `review-desk rules`. */
export function listRules(): { id: string; defaultSeverity: Severity; title: string }[] {
  return ruleCatalogue.map((id) => {
    const { meta } = rules[id]!;
    return { id: meta.id, defaultSeverity: meta.defaultSeverity, title: meta.title };
  });
}
