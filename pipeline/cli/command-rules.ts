/** `review-desk rules [--json]`: the rule catalogue with each rule's default severity and Chinese title. */
import { listRules } from '../../rules/index.js';
import type { CliIo } from './cli-io.js';
import { writeChunks } from './json-output.js';
import { renderTable } from './text-table.js';

const severityLabel: Record<string, string> = { error: '错误', warning: '警告', info: '提示' };

export async function runRulesCommand(options: { json?: boolean }, io: CliIo): Promise<number> {
  const rules = listRules();
  if (options.json) {
    await writeChunks(io.stdout, [`${JSON.stringify({ rules }, null, 2)}\n`]);
    return 0;
  }
  const table = renderTable(
    ['规则编号', '默认级别', '说明'],
    rules.map((rule) => [
      rule.id,
      `${severityLabel[rule.defaultSeverity] ?? rule.defaultSeverity}（${rule.defaultSeverity}）`,
      rule.title,
    ]),
    60,
  );
  const hint = '可在 review-desk.config.json 中按规则编号设置 "off"/"info"/"warning"/"error"。';
  await writeChunks(io.stdout, [`${table}\n\n共${rules.length}条规则。${hint}\n`]);
  return 0;
}
