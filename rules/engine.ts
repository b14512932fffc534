/** Runs the rule catalogue on a parsed submission and stamps ruleId, severity and title on what each rule reports. */
import type { ParsedSubmission } from '../extractors/report-schema.js';
import type { Finding } from './finding-schema.js';

// STUB (owned by the rules work): replaced by the real engine and config.
export type RuleConfig = Record<string, unknown>;

export function runRules(submission: ParsedSubmission, config: RuleConfig = {}): Finding[] {
  void submission;
  void config;
  return [];
}
