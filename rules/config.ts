/**
 * `review-desk.config.json`: per-rule severity and options, ESLint style —
 * `{ "rules": { "<ruleId>": "off"|"info"|"warning"|"error" | ["warning", {options}] } }`.
 * Problems are reported as a ConfigError whose Chinese message names the offending key; the CLI
 * exits 2 on it. A top-level key other than `rules` and `$schema` is an error unless the caller
 * says another part of the tool reads it (the pipeline's `limits`): a misspelt `rulez` must not
 * quietly leave every rule at its defaults.
 */
import { z } from 'zod';
import { ruleById } from './index.js';
import type { Rule } from './rule.js';
import { normalizeSeverity, SeverityError, type SeveritySetting, severitySettings } from './severity.js';

export { listRules } from './index.js';
export { normalizeSeverity, type SeveritySetting } from './severity.js';

export const configFileName = 'review-desk.config.json';

export interface RuleSetting {
  readonly severity: SeveritySetting;
  /** Options as written in the config (validated against the rule's schema; defaults are applied when the rule runs). */
  readonly options?: Readonly<Record<string, unknown>>;
}

export interface RuleConfig {
  readonly rules?: Readonly<Record<string, RuleSetting>>;
}

export class ConfigError extends Error {
  /** The config key at fault, e.g. `rules.welfare.per-capita`; null for the file as a whole. */
  readonly key: string | null;

  constructor(message: string, key: string | null = null, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConfigError';
    this.key = key;
  }
}

const configShape = z.looseObject({ rules: z.record(z.string(), z.unknown()).optional() });

/** Top-level keys every config may have: the rule settings and an editor's JSON schema reference. */
const ownKeys: readonly string[] = ['rules', '$schema'];

export interface ParseConfigOptions {
  /**
   * Top-level keys that other parts of the tool read from the same file (the pipeline passes
   * `['limits']`); `rules` and `$schema` are always allowed, anything else is a ConfigError.
   * @default []
   */
  readonly allowedKeys?: readonly string[];
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function checkTopLevelKeys(raw: object, options: ParseConfigOptions): void {
  const allowed = [...ownKeys, ...(options.allowedKeys ?? [])];
  const unknown = Object.keys(raw).filter((key) => !allowed.includes(key));
  const first = unknown[0];
  if (first === undefined) return;
  const near = allowed.find((key) => key.toLowerCase() === first.toLowerCase() || editDistance(key, first) <= 2);
  throw new ConfigError(
    `配置项 ${unknown.join('、')} 无效：配置文件只能包含 ${allowed.join('、')}${near === undefined ? '' : `，是否应为 ${near}？`}`,
    first,
  );
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}：${issue.message}` : issue.message))
    .join('；');
}

/** Parses one rule's options over its defaults, throwing a ConfigError that names the key. */
export function parseRuleOptions(rule: Rule, options: unknown): unknown {
  const parsed = rule.meta.options.safeParse(options ?? {}, { error: z.locales.zhCN().localeError });
  if (parsed.success) return parsed.data;
  const key = `rules.${rule.meta.id}`;
  throw new ConfigError(`配置项 ${key} 的选项无效：${describeIssues(parsed.error)}`, key);
}

/** The rule with this id, or the one ConfigError for a config key naming a rule that does not exist. */
export function requireRule(ruleId: string): Rule {
  const rule = ruleById(ruleId);
  if (!rule) throw new ConfigError(`配置项 rules.${ruleId} 无效：没有名为 ${ruleId} 的规则`, `rules.${ruleId}`);
  return rule;
}

/** Validates the options of the rule with this id (which must exist). */
export function validateRuleOptions(ruleId: string, options: unknown): unknown {
  return parseRuleOptions(requireRule(ruleId), options);
}

function parseSetting(ruleId: string, raw: unknown): RuleSetting {
  const key = `rules.${ruleId}`;
  requireRule(ruleId);
  const [severityRaw, options, ...extra] = Array.isArray(raw) ? raw : [raw];
  if (Array.isArray(raw) && (raw.length === 0 || extra.length > 0)) {
    throw new ConfigError(`配置项 ${key} 应写作严重程度，或 [严重程度, {选项}]`, key);
  }
  let severity: SeveritySetting;
  try {
    severity = normalizeSeverity(severityRaw);
  } catch (error) {
    if (!(error instanceof SeverityError)) throw error;
    const shown = JSON.stringify(severityRaw) ?? String(severityRaw);
    throw new ConfigError(`配置项 ${key} 的严重程度 ${shown} 无效，应为 ${severitySettings.join('/')}`, key);
  }
  if (options !== undefined && (options === null || typeof options !== 'object' || Array.isArray(options))) {
    throw new ConfigError(`配置项 ${key} 的选项应为对象`, key);
  }
  validateRuleOptions(ruleId, options);
  return options === undefined ? { severity } : { severity, options: options as Record<string, unknown> };
}

/**
 * Checks a config object (already read from JSON) and normalises every severity spelling. Pure: the
 * caller reads the file (see `parseConfigText`).
 */
export function parseConfig(raw: unknown, options: ParseConfigOptions = {}): RuleConfig {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError('配置文件内容应为 JSON 对象，例如 {"rules": {}}');
  }
  checkTopLevelKeys(raw, options);
  const shape = configShape.safeParse(raw);
  if (!shape.success) throw new ConfigError('配置项 rules 应为对象，键为规则编号', 'rules');
  const rules: Record<string, RuleSetting> = {};
  for (const [ruleId, setting] of Object.entries(shape.data.rules ?? {})) {
    rules[ruleId] = parseSetting(ruleId, setting);
  }
  return { rules };
}

export interface ParseConfigTextOptions extends ParseConfigOptions {
  /** How to name the file in messages, e.g. its path. @default '' */
  readonly source?: string;
}

/** Parses the text of a config file (a leading BOM allowed) and checks it with `parseConfig`. Pure. */
export function parseConfigText(text: string, options: ParseConfigTextOptions = {}): RuleConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const name = options.source ? ` ${options.source} ` : '';
    throw new ConfigError(`配置文件${name}不是有效的 JSON`, null, { cause: error });
  }
  return parseConfig(raw, options);
}
