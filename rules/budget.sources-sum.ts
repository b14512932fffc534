/**
 * budget.sources-sum: in a form's funds block, 年度资金总额 = Σ its 其中 rows, for each column
 * (年初预算数, 全年预算数, 全年执行数) and each grouping (资金来源; 按收入性质分; 按支出性质分), within the
 * stated precision. A 0 or blank total above non-zero 其中 rows fires too.
 * The 全年执行数 of the 按支出性质分 rows is what was spent, which may rightly differ from the funds
 * executed; that difference is funds.execution-matches-expenditure's, so it is not summed here.
 */
import { z } from 'zod';
import type { BudgetLine } from '../extractors/model/report-schema.js';
import { defineRule } from './rule.js';
import { sumFails, sumOf } from './support/interval.js';
import { evidenceOf, type StatedFigure, show, showLike, stated } from './support/stated.js';

const columns = [
  { key: 'initial', label: '年初预算数' },
  { key: 'adjusted', label: '全年预算数' },
  { key: 'executed', label: '全年执行数' },
] as const;

const groups = [
  { key: 'source', label: '资金来源' },
  { key: 'income', label: '按收入性质分' },
  { key: 'expenditure', label: '按支出性质分' },
] as const satisfies readonly { key: BudgetLine['group']; label: string }[];

export default defineRule({
  meta: {
    id: 'budget.sources-sum',
    title: '年度资金总额与其中各项合计一致',
    defaultSeverity: 'error',
    description: {
      summary:
        '绩效自评表资金情况中，年度资金总额的年初预算数、全年预算数、全年执行数应分别等于其下「其中」各行之和（财政拨款/上年结转/其他资金，或按收入性质分、按支出性质分各自成组），按各数字的记载精度比较；总额为0或空白而其中各行有数时同样提示。',
      correct:
        '年度资金总额全年执行数2030.12万元，其中一般公共预算1325.68万元、政府性基金拨款118.82万元、其他资金585.62万元，合计2030.12万元。',
      incorrect: '年度资金总额一行填0、0、0，其中财政拨款一行为90万元、90万元、89.974万元。',
    },
    messages: {
      mismatch: '年度资金总额{{column}}{{total}}，其下{{group}}各行（{{parts}}）合计{{sum}}，两者不符',
      blankTotal: '年度资金总额{{column}}空白，其下{{group}}各行（{{parts}}）合计{{sum}}',
      fix: '年度资金总额{{column}}应为{{sum}}，或核对其中各行',
    },
    options: z.strictObject({}),
  },
  check(context) {
    const budget = context.submission.report.budget;
    if (!budget) return;
    for (const group of groups) {
      for (const column of columns) {
        if (group.key === 'expenditure' && column.key === 'executed') continue;
        const parts: StatedFigure[] = [];
        const names: string[] = [];
        let unreadable = false;
        budget.lines.forEach((line, i) => {
          if (line.group !== group.key || line[column.key] === null) return;
          const part = stated(context, `budget.lines.${i}.${column.key}`, 'money');
          if (part) {
            parts.push(part);
            names.push(line.name);
          } else unreadable = true;
        });
        if (unreadable || parts.length === 0) continue;
        const quantities = parts.map((p) => p.quantity);
        const sum = sumOf(quantities);
        const data = {
          column: column.label,
          group: group.label,
          parts: parts.map((p, k) => `${names[k]}${show(p)}`).join('、'),
          sum: showLike(sum.value, parts),
        };
        const total = stated(context, `budget.${column.key}`, 'money');
        if (!total) {
          if (budget[column.key] !== null || sum.approximate || sum.value.isZero()) continue;
          context.report({ messageId: 'blankTotal', data, evidence: evidenceOf(...parts), suggestion: 'fix' });
          continue;
        }
        if (!sumFails(total.quantity, quantities)) continue;
        context.report({
          messageId: 'mismatch',
          data: { ...data, total: show(total) },
          evidence: evidenceOf(total, ...parts),
          suggestion: 'fix',
        });
      }
    }
  },
});
