/** welfare.households-persons: a household has at least one member, so persons ≥ households wherever both are stated. */
import { z } from 'zod';
import { defineRule } from './rule.js';
import { exceedsFails } from './support/interval.js';
import { evidenceOf, show } from './support/stated.js';
import { benefitGroups } from './support/welfare.js';

export default defineRule({
  meta: {
    id: 'welfare.households-persons',
    title: '户数不超人数',
    defaultSeverity: 'error',
    description: {
      summary: '低保、监测户等同时写明户数和人数时，人数不应少于户数。',
      correct: '低保212户、608人；新增监测户6户24人。',
      incorrect: '低保212户、108人。',
    },
    messages: {
      fewerPersons: '{{label}}{{households}}，但人数只有{{persons}}，人数不应少于户数',
      fix: '请核对{{label}}的户数和人数',
    },
    options: z.strictObject({}),
  },
  check(context) {
    for (const group of benefitGroups(context)) {
      const { households, persons } = group;
      if (!households || !persons || !exceedsFails(households.quantity, persons.quantity)) continue;
      context.report({
        messageId: 'fewerPersons',
        data: { label: group.label, households: show(households), persons: show(persons) },
        evidence: evidenceOf(households, persons),
        suggestion: 'fix',
      });
    }
  },
});
