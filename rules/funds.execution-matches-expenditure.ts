/**
 * funds.execution-matches-expenditure: a form's 全年执行数 of 年度资金总额 agrees with the 支出 total the
 * same document states elsewhere (SPEC §8): the 支出总额, else 基本支出 + 项目支出, else the 按支出性质分
 * rows' 全年执行数. The comparison across the unit's package is package.figures-agree's (支出总额).
 */
import { z } from 'zod';
import { defineRule } from './rule.js';
import { mayEqual, sumOf } from './support/interval.js';
import { allStated, evidenceOf, type StatedFigure, show, showLike, stated } from './support/stated.js';

export default defineRule({
  meta: {
    id: 'funds.execution-matches-expenditure',
    title: '全年执行数与支出总额一致',
    defaultSeverity: 'warning',
    description: {
      summary:
        '绩效自评表中年度资金总额的全年执行数，应与同一文件其他位置填报的支出数一致：支出总额；没有时为基本支出 + 项目支出；再没有时为按支出性质分各行的全年执行数之和。按各数字的记载精度比较。',
      correct: '年度资金总额全年执行数2030.12万元；基本支出1025.20万元，项目支出1004.92万元，合计2030.12万元。',
      incorrect:
        '年度资金总额全年执行数2030.12万元，执行率100%；基本支出900.47万元，项目支出1025.20万元，合计1925.67万元。',
    },
    messages: {
      mismatch: '年度资金总额全年执行数{{executed}}，与{{otherLabel}}{{other}}不符（相差{{gap}}）',
      fix: '请核对全年执行数与{{otherLabel}}；如执行数含结转结余，应在偏差原因中说明，执行率和得分按实际支出计算',
    },
    options: z.strictObject({}),
  },
  check(context) {
    const { budget } = context.submission.report;
    if (!budget) return;
    const executed = stated(context, 'budget.executed', 'money');
    if (!executed || executed.quantity.approximate) return;
    const other = otherExpenditure(context, budget.lines);
    if (!other || other.figures.some((f) => f.quantity.approximate)) return;
    const total = sumOf(other.figures.map((f) => f.quantity));
    if (mayEqual(executed.quantity, total)) return;
    const single = other.figures.length === 1 ? other.figures[0]! : null;
    context.report({
      messageId: 'mismatch',
      data: {
        executed: show(executed),
        otherLabel: other.label,
        other: single ? show(single) : showLike(total.value, other.figures),
        gap: showLike(executed.quantity.value.minus(total.value).abs(), [executed, ...other.figures]),
      },
      evidence: evidenceOf(executed, ...other.figures),
      suggestion: 'fix',
    });
  },
});

type Context = Parameters<typeof stated>[0];

function otherExpenditure(
  context: Context,
  lines: readonly { readonly group: string; readonly executed: number | null }[],
): { label: string; figures: StatedFigure[] } | null {
  const expenditure = stated(context, 'finance.expenditure', 'money');
  if (expenditure) return { label: '支出总额', figures: [expenditure] };
  const split = allStated([
    stated(context, 'finance.basicExpenditure', 'money'),
    stated(context, 'finance.projectExpenditure', 'money'),
  ]);
  if (split) return { label: '基本支出与项目支出合计', figures: split };
  const rows: StatedFigure[] = [];
  let unreadable = false;
  lines.forEach((line, i) => {
    if (line.group !== 'expenditure' || line.executed === null) return;
    const row = stated(context, `budget.lines.${i}.executed`, 'money');
    if (row) rows.push(row);
    else unreadable = true;
  });
  if (unreadable || rows.length === 0) return null;
  return { label: '按支出性质分各项全年执行数合计', figures: rows };
}
