/**
 * drug.ledger: every living person involved with drugs has a ledger (台账/档案): ledgerCount =
 * 涉毒人员 − 死亡; and the persons under each control level cannot outnumber the living ones.
 */
import { z } from 'zod';
import { defineRule } from './rule.js';
import { difference, exceedsFails, mayEqual, sumOf } from './support/interval.js';
import { evidenceOf, type StatedFigure, show, showLike, stated } from './support/stated.js';

export default defineRule({
  meta: {
    id: 'drug.ledger',
    title: '涉毒人员台账与管控人数',
    defaultSeverity: 'warning',
    description: {
      summary: '建立台账（档案）的人数应等于涉毒人员减去死亡人数；各管控等级人数之和不应超过在世涉毒人员数。',
      correct: '涉毒人员25人，死亡4人，对21个涉毒人员建立台账；二级管控3人、三级管控14人（17 ≤ 21）。',
      incorrect: '涉毒人员25人，死亡4人，对19个涉毒人员建立台账。',
    },
    messages: {
      ledgerMismatch: '涉毒人员{{registered}}、死亡{{deceased}}，在世{{living}}，但建立台账的为{{ledger}}',
      levelsExceed:
        '各管控等级人数合计{{levels}}，超过在世涉毒人员{{living}}（涉毒人员{{registered}}、死亡{{deceased}}）',
      fixLedger: '请核对台账人数，应为{{living}}',
      fixLevels: '请核对各管控等级人数',
    },
    options: z.strictObject({}),
  },
  check(context) {
    const registered = stated(context, 'facts.drugControl.registered', 'count', '人');
    const deceased = stated(context, 'facts.drugControl.deceased', 'count', '人');
    if (!registered || !deceased) return;
    const living = difference(registered.quantity, deceased.quantity);
    if (living.approximate) return;
    const base = {
      registered: show(registered),
      deceased: show(deceased),
      living: showLike(living.value, [registered]),
    };

    const ledger = stated(context, 'facts.drugControl.ledgerCount', 'count', '人');
    if (ledger && !ledger.quantity.approximate && !mayEqual(ledger.quantity, living)) {
      context.report({
        messageId: 'ledgerMismatch',
        data: { ...base, ledger: show(ledger) },
        evidence: evidenceOf(registered, deceased, ledger),
        suggestion: 'fixLedger',
      });
    }

    const levels: StatedFigure[] = [];
    context.submission.report.facts.drugControl.controlLevels.forEach((_, i) => {
      const count = stated(context, `facts.drugControl.controlLevels.${i}.count`, 'count', '人');
      if (count) levels.push(count);
    });
    if (levels.length === 0) return;
    const levelSum = sumOf(levels.map((l) => l.quantity));
    if (!exceedsFails(levelSum, living)) return;
    context.report({
      messageId: 'levelsExceed',
      data: { ...base, levels: showLike(levelSum.value, levels) },
      evidence: evidenceOf(registered, deceased, ...levels),
      suggestion: 'fixLevels',
    });
  },
});
