/**
 * Runs the rule catalogue on a parsed submission. Each rule reports message ids with data and
 * evidence; the engine fills the message from the rule's template, stamps ruleId, severity and
 * title, checks that every evidence location is one the extraction produced (as textlint's kernel
 * rejects hand-built positions), and turns a rule that throws into one internal-error finding so
 * that one rule's bug never loses the others' findings.
 */
import { isCellLocation, type SourceLocation } from '../extractors/model/document-model.js';
import { type Evidence, evidenceSchema, type ParsedSubmission } from '../extractors/model/report-schema.js';
import { parseRuleOptions, type RuleConfig, requireRule } from './config.js';
import type { Finding, Severity } from './finding-schema.js';
import { ruleById, ruleCatalogue } from './index.js';
import type { DeepReadonly, MessageData, ReportDescriptor, Rule, RuleContext, RuleSubmission } from './rule.js';

export type { RuleConfig } from './config.js';

/** A rule broke its contract (unknown messageId, missing placeholder, hand-built evidence location). */
export class RuleContractError extends Error {
  readonly ruleId: string;

  constructor(ruleId: string, message: string) {
    super(`${ruleId}: ${message}`);
    this.name = 'RuleContractError';
    this.ruleId = ruleId;
  }
}

export const internalErrorRuleId = 'internal-error';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export function locationKey(location: SourceLocation): string {
  return isCellLocation(location)
    ? `cell:${location.table}:${location.row}:${location.column}`
    : `text:${location.page ?? '-'}:${location.paragraph}`;
}

/** Every location the extraction produced: the only ones a finding may point at. */
export function knownLocations(submission: RuleSubmission): ReadonlySet<string> {
  const keys = new Set<string>();
  const add = (location: DeepReadonly<SourceLocation> | null | undefined) => {
    if (location) keys.add(locationKey(location as SourceLocation));
  };
  // Tolerant of a malformed sidecar: a rule that then trips over it becomes an internal-error finding, not a crash.
  const extraction: Partial<RuleSubmission['extraction']> = submission.extraction ?? {};
  for (const evidence of Object.values(extraction.evidence ?? {})) add(evidence?.location);
  for (const repeated of extraction.repeatedFigures ?? [])
    for (const o of repeated?.occurrences ?? []) add(o?.location);
  for (const sentence of extraction.sentences ?? []) add(sentence?.location);
  for (const heading of extraction.headings ?? []) add(heading?.location);
  for (const location of Object.values(extraction.sections ?? {})) add(location);
  for (const problem of extraction.problems ?? []) add(problem?.location);
  return keys;
}

/** Document order: narrative paragraphs first (the template puts the scoring table at the end), then table cells. */
function compareLocations(a: SourceLocation, b: SourceLocation): number {
  const aCell = isCellLocation(a);
  const bCell = isCellLocation(b);
  if (aCell !== bCell) return aCell ? 1 : -1;
  if (aCell && bCell) return a.table - b.table || a.row - b.row || a.column - b.column;
  const at = a as { page: number | null; paragraph: number };
  const bt = b as { page: number | null; paragraph: number };
  return (at.page ?? 0) - (bt.page ?? 0) || at.paragraph - bt.paragraph;
}

export function compareByEvidence(a: Finding, b: Finding): number {
  const la = a.evidence[0]?.location;
  const lb = b.evidence[0]?.location;
  if (!la || !lb) return (la ? 1 : 0) - (lb ? 1 : 0);
  return compareLocations(la, lb);
}

export function fill(ruleId: string, template: string, data: MessageData): string {
  return template.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (_, key: string) => {
    if (!Object.hasOwn(data, key)) throw new RuleContractError(ruleId, `message placeholder {{${key}}} has no data`);
    const value = data[key];
    return value === null ? '' : String(value);
  });
}

interface PreparedSubmission {
  readonly submission: DeepReadonly<ParsedSubmission>;
  readonly locations: ReadonlySet<string>;
}

/**
 * A deep copy, frozen as it is built: the rules read it and cannot touch the caller's submission. One pass
 * over plain data instead of structuredClone and a second freezing walk (a quarter of the CPU for a
 * 60 kB submission); anything that is not a plain object or array is left to structuredClone as before.
 */
export function frozenCopy<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = frozenCopy(value[i]);
    return Object.freeze(out) as T;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return deepFreeze(structuredClone(value));
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    // Assigning `__proto__` would set the copy's prototype instead of copying the property.
    if (key === '__proto__') {
      Object.defineProperty(out, key, {
        value: frozenCopy(source[key]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else out[key] = frozenCopy(source[key]);
  }
  return Object.freeze(out) as T;
}

function prepare(submission: ParsedSubmission): PreparedSubmission {
  const frozen = frozenCopy(submission) as DeepReadonly<ParsedSubmission>;
  return { submission: frozen, locations: knownLocations(frozen) };
}

/** Each rule's options as parsed and frozen, by the options object of the config (the defaults under the rule itself). */
const parsedOptions = new WeakMap<object, WeakMap<Rule, unknown>>();

/**
 * The rule's parsed, frozen options: parsed once per config rather than once per document, since a
 * config lives for the whole run. Options that fail to parse are not kept, so they throw every time.
 */
export function optionsFor(rule: Rule, options: unknown): unknown {
  const key = options === undefined ? rule : options;
  if (key === null || typeof key !== 'object') return deepFreeze(parseRuleOptions(rule, options));
  let byRule = parsedOptions.get(key);
  if (!byRule) {
    byRule = new WeakMap();
    parsedOptions.set(key, byRule);
  }
  if (!byRule.has(rule)) byRule.set(rule, deepFreeze(parseRuleOptions(rule, options)));
  return byRule.get(rule);
}

/** Runs one rule; throws when the rule throws or breaks its contract. Findings reported before that are kept in `into`. */
function execute(
  rule: Rule,
  prepared: PreparedSubmission,
  severity: Severity,
  options: unknown,
  into: Finding[],
): void {
  const { meta } = rule;
  const messages = meta.messages as Readonly<Record<string, string>>;
  const collected: Finding[] = [];
  const context: RuleContext<unknown, string> = Object.freeze({
    submission: prepared.submission,
    extraction: prepared.submission.extraction,
    options: options as DeepReadonly<unknown>,
    report(descriptor: ReportDescriptor<string>) {
      const template = Object.hasOwn(messages, descriptor.messageId) ? messages[descriptor.messageId] : undefined;
      if (template === undefined) throw new RuleContractError(meta.id, `unknown messageId "${descriptor.messageId}"`);
      const data = { ...(descriptor.data ?? {}) };
      const evidence = (descriptor.evidence ?? []).map((item) => {
        const parsed = evidenceSchema.safeParse(item);
        if (!parsed.success) throw new RuleContractError(meta.id, 'evidence does not match the evidence schema');
        if (!prepared.locations.has(locationKey(parsed.data.location))) {
          throw new RuleContractError(
            meta.id,
            `evidence location ${JSON.stringify(parsed.data.location)} was not produced by the extraction`,
          );
        }
        return parsed.data as Evidence;
      });
      let suggestion: string | null = null;
      if (descriptor.suggestion !== undefined) {
        const suggestionTemplate = Object.hasOwn(messages, descriptor.suggestion)
          ? messages[descriptor.suggestion]
          : undefined;
        if (suggestionTemplate === undefined) {
          throw new RuleContractError(meta.id, `unknown suggestion messageId "${descriptor.suggestion}"`);
        }
        suggestion = fill(meta.id, suggestionTemplate, data);
      }
      collected.push({
        ruleId: meta.id,
        severity: descriptor.severity === 'info' ? 'info' : severity,
        message: fill(meta.id, template, data),
        evidence,
        title: meta.title,
        messageId: descriptor.messageId,
        data,
        suggestion,
      });
    },
  });
  try {
    rule.check(context);
  } finally {
    into.push(...collected.sort(compareByEvidence));
  }
}

/** The warning that stands in for a rule that threw: the check goes on, and the reviewer is told which rule did not run. */
export function internalError(rule: Rule, error: unknown): Finding {
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return {
    ruleId: internalErrorRuleId,
    severity: 'warning',
    message: `规则「${rule.meta.title}」（${rule.meta.id}）运行出错，该项未完成检查，请联系维护人员。`,
    evidence: [],
    title: '规则运行出错',
    messageId: 'internal-error',
    data: { rule: rule.meta.id, error: detail },
    suggestion: null,
  };
}

/**
 * Runs one rule with the given options (defaults when omitted) and its default severity, and
 * throws when it breaks its contract. For tests (the RuleTester) and tools that check one rule.
 */
export function checkRule(rule: Rule, submission: ParsedSubmission, options?: unknown): Finding[] {
  const findings: Finding[] = [];
  execute(rule, prepare(submission), rule.meta.defaultSeverity, deepFreeze(parseRuleOptions(rule, options)), findings);
  return findings;
}

/**
 * Runs the given rules in order with the config's severities and options; a rule that throws or
 * breaks its contract becomes one internal-error finding and the others still run.
 */
export function runRuleList(list: readonly Rule[], submission: ParsedSubmission, config: RuleConfig = {}): Finding[] {
  const prepared = prepare(submission);
  const findings: Finding[] = [];
  for (const rule of list) {
    const setting = config.rules?.[rule.meta.id];
    const severity = setting?.severity ?? rule.meta.defaultSeverity;
    if (severity === 'off' || rule.meta.scope === 'package') continue;
    const options = optionsFor(rule, setting?.options);
    try {
      execute(rule, prepared, severity, options, findings);
    } catch (error) {
      findings.push(internalError(rule, error));
    }
  }
  return findings;
}

/** Runs every rule that the config leaves on; findings in catalogue order, then in document order of their evidence. */
export function runRules(submission: ParsedSubmission, config: RuleConfig = {}): Finding[] {
  for (const ruleId of Object.keys(config.rules ?? {})) requireRule(ruleId);
  return runRuleList(
    ruleCatalogue.map((id) => ruleById(id)!),
    submission,
    config,
  );
}
