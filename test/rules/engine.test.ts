/** The engine: stamping, message templates, evidence checks, read-only context, and rules that break. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkRule, internalErrorRuleId, RuleContractError, runRuleList, runRules } from '../../rules/engine.js';
import { findingSchema } from '../../rules/finding-schema.js';
import { rules } from '../../rules/index.js';
import { defineRule, type Rule } from '../../rules/rule.js';
import { submission } from './support/submission-builder.js';

/** A test rule whose check is given; it has one message, 「{{what}}有误」. */
function testRule(check: Rule<unknown, 'wrong'>['check']): Rule {
  return defineRule({
    meta: {
      id: 'test.rule',
      title: '测试规则',
      defaultSeverity: 'warning',
      description: { summary: '测试用。', correct: '正确示例。', incorrect: '错误示例。' },
      messages: { wrong: '{{what}}有误' },
      options: z.strictObject({ limit: z.number().default(3) }),
    },
    check,
  }) as Rule;
}

const seed = submission().build();
const incomeEvidence = seed.extraction.evidence['finance.income']!;
const tableTotalEvidence = seed.extraction.evidence['scoring.tableTotal']!;

describe('the engine', () => {
  it('fills the message from its template and stamps ruleId, severity, title and suggestion', () => {
    const rule = testRule((context) => {
      context.report({
        messageId: 'wrong',
        data: { what: '收入总额' },
        evidence: [incomeEvidence],
        suggestion: 'wrong',
      });
    });
    const [finding] = checkRule(rule, seed);
    expect(finding).toEqual({
      ruleId: 'test.rule',
      severity: 'warning',
      title: '测试规则',
      messageId: 'wrong',
      message: '收入总额有误',
      data: { what: '收入总额' },
      evidence: [incomeEvidence],
      suggestion: '收入总额有误',
    });
    expect(findingSchema.parse(finding)).toEqual(finding);
  });

  it('hands the rule its options over their defaults', () => {
    const seen: unknown[] = [];
    const rule = testRule((context) => {
      seen.push(context.options);
    });
    checkRule(rule, seed);
    checkRule(rule, seed, { limit: 5 });
    expect(seen).toEqual([{ limit: 3 }, { limit: 5 }]);
  });

  it('parses a config’s options once for all documents and hands every document the same frozen options', () => {
    const seen: unknown[] = [];
    const rule = testRule((context) => {
      seen.push(context.options);
    });
    const config = { rules: { 'test.rule': { severity: 'warning' as const, options: { limit: 5 } } } };
    runRuleList([rule], seed, config);
    runRuleList([rule], submission().build(), config);
    runRuleList([rule], seed);
    runRuleList([rule], seed);
    expect(seen).toEqual([{ limit: 5 }, { limit: 5 }, { limit: 3 }, { limit: 3 }]);
    expect(seen[1]).toBe(seen[0]);
    expect(seen[3]).toBe(seen[2]);
    expect(seen.every((options) => Object.isFrozen(options))).toBe(true);
  });

  it('hands the rule a frozen copy equal to the caller’s submission, every nested part frozen', () => {
    const input = submission().build();
    let copy: unknown;
    checkRule(
      testRule((context) => {
        copy = context.submission;
      }),
      input,
    );
    expect(copy).toEqual(input);
    expect(copy).not.toBe(input);
    expect(Object.isFrozen(input)).toBe(false);
    const unfrozen: string[] = [];
    const walk = (value: unknown, path: string) => {
      if (value === null || typeof value !== 'object') return;
      if (!Object.isFrozen(value)) unfrozen.push(path);
      for (const [key, child] of Object.entries(value)) walk(child, `${path}.${key}`);
    };
    walk(copy, 'submission');
    expect(unfrozen).toEqual([]);
  });

  it('rejects an unknown messageId', () => {
    const rule = testRule((context) => {
      context.report({ messageId: 'nonsense' as 'wrong', data: { what: 'x' } });
    });
    expect(() => checkRule(rule, seed)).toThrow(RuleContractError);
    expect(() => checkRule(rule, seed)).toThrow(/unknown messageId "nonsense"/);
  });

  it('rejects a template placeholder without data', () => {
    const rule = testRule((context) => {
      context.report({ messageId: 'wrong', data: {} });
    });
    expect(() => checkRule(rule, seed)).toThrow(/\{\{what\}\} has no data/);
  });

  it('rejects evidence whose location the extraction never produced', () => {
    const rule = testRule((context) => {
      context.report({
        messageId: 'wrong',
        data: { what: 'x' },
        evidence: [{ ...incomeEvidence, location: { page: null, paragraph: 9999 } }],
      });
    });
    expect(() => checkRule(rule, seed)).toThrow(/was not produced by the extraction/);
  });

  it('gives rules a read-only context and leaves the caller’s submission untouched', () => {
    const input = submission().build();
    const before = structuredClone(input);
    const rule = testRule((context) => {
      (context.submission.report.finance as { income: number | null }).income = 0;
    });
    expect(() => checkRule(rule, input)).toThrow(TypeError);
    expect(input).toEqual(before);
  });

  it('orders a rule’s findings by where their evidence stands in the document', () => {
    const rule = testRule((context) => {
      context.report({ messageId: 'wrong', data: { what: '打分表' }, evidence: [tableTotalEvidence] });
      context.report({ messageId: 'wrong', data: { what: '无证据' } });
      context.report({ messageId: 'wrong', data: { what: '正文' }, evidence: [incomeEvidence] });
    });
    expect(checkRule(rule, seed).map((f) => f.message)).toEqual(['无证据有误', '正文有误', '打分表有误']);
  });

  it('turns a rule that throws into one internal-error finding and keeps the others’ findings', () => {
    const broken = testRule(() => {
      throw new Error('boom');
    });
    const findings = runRuleList([broken, rules['scoring.group-points']!], seed);
    expect(findings.map((f) => f.ruleId)).toEqual([
      internalErrorRuleId,
      'scoring.group-points',
      'scoring.group-points',
    ]);
    expect(findings[0]).toMatchObject({
      severity: 'warning',
      messageId: 'internal-error',
      message: '规则「测试规则」（test.rule）运行出错，该项未完成检查，请联系维护人员。',
      data: { rule: 'test.rule', error: 'Error: boom' },
    });
  });

  it('keeps what a rule reported before it broke its contract', () => {
    const halfway = testRule((context) => {
      context.report({ messageId: 'wrong', data: { what: '第一处' }, evidence: [incomeEvidence] });
      context.report({ messageId: 'unknown' as 'wrong', data: {} });
    });
    const findings = runRuleList([halfway], seed);
    expect(findings.map((f) => [f.ruleId, f.message])).toEqual([
      ['test.rule', '第一处有误'],
      [internalErrorRuleId, '规则「测试规则」（test.rule）运行出错，该项未完成检查，请联系维护人员。'],
    ]);
  });

  it('runs the whole catalogue without any internal error on the seed', () => {
    const findings = runRules(seed);
    expect(findings.filter((f) => f.ruleId === internalErrorRuleId)).toEqual([]);
    for (const finding of findings) expect(findingSchema.safeParse(finding).success).toBe(true);
  });
});

describe('the engine on a malformed submission', () => {
  it('reports internal errors instead of crashing when the sidecar is missing parts', () => {
    const broken = submission()
      .mutate((s) => {
        (s.extraction as { sentences?: unknown }).sentences = undefined;
        (s.extraction as { headings?: unknown }).headings = undefined;
      })
      .build();
    const findings = runRules(broken);
    expect(findings.filter((f) => f.ruleId === internalErrorRuleId).map((f) => f.data?.rule)).toEqual([
      'structure.numbering',
      'text.breakdown-sum',
      'text.rate',
      'text.year-mismatch',
    ]);
    expect(findings.filter((f) => f.ruleId === 'scoring.group-points')).toHaveLength(2);
  });
});
