/** review-desk.config.json: severity spellings, [severity, options], errors naming the key, and the effect on findings. */
import { describe, expect, it } from 'vitest';
import { ConfigError, normalizeSeverity, parseConfig, parseConfigText } from '../../rules/config.js';
import { runRules } from '../../rules/engine.js';
import { submission } from './support/submission-builder.js';

function configError(raw: unknown, allowedKeys?: readonly string[]): ConfigError {
  try {
    parseConfig(raw, { allowedKeys });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('normalizeSeverity', () => {
  it('accepts our spellings and ESLint’s', () => {
    expect(['off', 'info', 'warning', 'warn', 'error', 0, 1, 2].map(normalizeSeverity)).toEqual([
      'off',
      'info',
      'warning',
      'warning',
      'error',
      'off',
      'warning',
      'error',
    ]);
  });

  it('throws on anything else', () => {
    for (const bad of ['fatal', 'Error', '2', 3, -1, null, undefined, true, {}]) {
      expect(() => normalizeSeverity(bad), String(bad)).toThrow(/无效/);
    }
  });
});

describe('parseConfig', () => {
  it('normalises every spelling and keeps options as written', () => {
    expect(
      parseConfig({
        rules: {
          'structure.numbering': 'off',
          'text.rate': 'warn',
          'text.year-mismatch': 2,
          'funds.large-project-claim': ['error', { threshold: 500_000 }],
          'scoring.max-total': ['info'],
        },
      }),
    ).toEqual({
      rules: {
        'structure.numbering': { severity: 'off' },
        'text.rate': { severity: 'warning' },
        'text.year-mismatch': { severity: 'error' },
        'funds.large-project-claim': { severity: 'error', options: { threshold: 500_000 } },
        'scoring.max-total': { severity: 'info' },
      },
    });
  });

  it('accepts an empty config and a $schema reference', () => {
    expect(parseConfig({})).toEqual({ rules: {} });
    expect(parseConfig({ $schema: './review-desk.schema.json', rules: {} })).toEqual({ rules: {} });
  });

  // Before the audit an unknown top-level key was ignored and the run silently used the defaults.
  it('names an unknown top-level key, and the key it was probably meant to be', () => {
    const error = configError({ rulez: { 'text.rate': 'off' } });
    expect(error.message).toBe('配置项 rulez 无效：配置文件只能包含 rules、$schema，是否应为 rules？');
    expect(error.key).toBe('rulez');
    expect(configError({ mail: {}, rules: {} }).message).toBe('配置项 mail 无效：配置文件只能包含 rules、$schema');
  });

  it('leaves the keys other parts of the tool read to them', () => {
    expect(
      parseConfig({ limits: { timeoutMs: 1 }, rules: { 'text.rate': 'off' } }, { allowedKeys: ['limits'] }),
    ).toEqual({ rules: { 'text.rate': { severity: 'off' } } });
    const error = configError({ limits: {}, limit: {} }, ['limits']);
    expect(error.key).toBe('limit');
    expect(error.message).toBe('配置项 limit 无效：配置文件只能包含 rules、$schema、limits，是否应为 limits？');
  });

  it('names every unknown top-level key at once', () => {
    const error = configError({ Rules: {}, extra: 1 });
    expect(error.key).toBe('Rules');
    expect(error.message).toBe('配置项 Rules、extra 无效：配置文件只能包含 rules、$schema，是否应为 rules？');
  });

  it('names the key of a bad severity', () => {
    const error = configError({ rules: { 'welfare.per-capita': 'fatal' } });
    expect(error.message).toBe('配置项 rules.welfare.per-capita 的严重程度 "fatal" 无效，应为 off/info/warning/error');
    expect(error.key).toBe('rules.welfare.per-capita');
  });

  it('names an unknown rule id', () => {
    const error = configError({ rules: { 'welfare.per-capital': 'warn' } });
    expect(error.message).toBe('配置项 rules.welfare.per-capital 无效：没有名为 welfare.per-capital 的规则');
    expect(error.key).toBe('rules.welfare.per-capital');
  });

  it('names the key and the option of a bad option, in Chinese', () => {
    const error = configError({
      rules: { 'welfare.per-capita': ['warning', { ranges: { 低保: { min: '600', max: 15000 } } }] },
    });
    expect(error.key).toBe('rules.welfare.per-capita');
    expect(error.message).toMatch(/^配置项 rules\.welfare\.per-capita 的选项无效：ranges\.低保\.min：/);
    expect(error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('rejects an option the rule does not have', () => {
    const error = configError({ rules: { 'funds.large-project-claim': ['warning', { limit: 5 }] } });
    expect(error.message).toMatch(/^配置项 rules\.funds\.large-project-claim 的选项无效：/);
  });

  it('rejects malformed settings', () => {
    expect(configError([]).message).toBe('配置文件内容应为 JSON 对象，例如 {"rules": {}}');
    expect(configError({ rules: [] }).key).toBe('rules');
    expect(configError({ rules: { 'text.rate': [] } }).message).toBe(
      '配置项 rules.text.rate 应写作严重程度，或 [严重程度, {选项}]',
    );
    expect(configError({ rules: { 'text.rate': ['warn', {}, {}] } }).key).toBe('rules.text.rate');
    expect(configError({ rules: { 'text.rate': ['warn', 5] } }).message).toBe('配置项 rules.text.rate 的选项应为对象');
  });
});

describe('parseConfigText', () => {
  it('reads JSON text with a byte-order mark', () => {
    expect(parseConfigText(`\uFEFF${JSON.stringify({ rules: { 'drug.ledger': 'error' } })}`)).toEqual({
      rules: { 'drug.ledger': { severity: 'error' } },
    });
  });

  it('names the source of broken JSON and passes the allowed keys on', () => {
    expect(() => parseConfigText('{ "rules": ', { source: 'a.json' })).toThrow('配置文件 a.json 不是有效的 JSON');
    expect(() => parseConfigText('{"limits": {}}')).toThrow(/^配置项 limits 无效/);
    expect(parseConfigText('{"limits": {}}', { allowedKeys: ['limits'] })).toEqual({ rules: {} });
  });
});

describe('the config applied to findings', () => {
  const seed = submission().build();

  it('turns a rule off', () => {
    const ids = runRules(seed, parseConfig({ rules: { 'scoring.group-points': 'off' } })).map((f) => f.ruleId);
    expect(ids).toEqual(['structure.numbering', 'text.year-mismatch']);
  });

  it('changes a rule’s severity', () => {
    const findings = runRules(
      seed,
      parseConfig({ rules: { 'text.year-mismatch': 'error', 'structure.numbering': 1 } }),
    );
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['structure.numbering', 'warning'],
      ['scoring.group-points', 'error'],
      ['scoring.group-points', 'error'],
      ['text.year-mismatch', 'error'],
    ]);
  });

  it('passes options to the rule', () => {
    const findings = runRules(
      seed,
      parseConfig({ rules: { 'funds.large-project-claim': ['warn', { threshold: 600_000 }] } }),
    ).filter((f) => f.ruleId === 'funds.large-project-claim');
    expect(findings.map((f) => f.message)).toEqual([
      '报告称60万元以上项目为无，但「基层组织和农村公共服务运行维护费」金额为68万元',
    ]);
  });

  it('refuses a hand-made config naming an unknown rule', () => {
    expect(() => runRules(seed, { rules: { 'no.such-rule': { severity: 'error' } } })).toThrow(ConfigError);
  });
});
