/**
 * The text.* rules on sentences the parser itself extracted: the seed with a few paragraphs added is
 * written as a real DOCX, read back and parsed, so the figures, labels, headings and locations are
 * the reader's and the parser's, not the test finder's.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDocument } from '../../extractors/read-document.js';
import { parseReport } from '../../extractors/report/parse-report.js';
import { writeSubmissionDocx } from '../../fixtures/build/docx-writer.js';
import { submissionFromSeed } from '../../fixtures/build/submission.js';
import { parseSeedText } from '../../fixtures/seed-text.js';
import { runRules } from '../../rules/engine.js';
import type { Finding } from '../../rules/finding-schema.js';

const seedText = readFileSync(
  new URL('../../fixtures/source/pingdeng-2023-self-assessment.txt', import.meta.url),
  'utf8',
);

/** The seed with `added` paragraphs right after the paragraph that starts with `after`. */
function withParagraphs(text: string, after: string, added: readonly string[]): string {
  const lines = text.split('\n');
  const at = lines.findIndex((line) => line.startsWith(after));
  if (at < 0) throw new Error(`no paragraph starts with ${after}`);
  return [...lines.slice(0, at + 1), ...added.flatMap((line) => ['', line]), ...lines.slice(at + 1)].join('\n');
}

const inBasicInfo = [
  // Overlapping attributes of party members and staff: nothing to report.
  '4.抓实党员队伍建设。全乡党员120名，其中女党员35名、少数民族党员96名；全乡共有干部职工45人，其中男性30人、女性15人，35岁以下12人，大专以上学历40人。',
  // A partition of disputes that exceeds its total: one warning.
  '5.抓实矛盾排查。共排查邻里纠纷25起，其中土地纠纷10起、婚姻纠纷20起。',
  // Last year's figures (one finding for the clause) beside plans for next year (none).
  '6.抓实就业帮扶。2022年新增5户19人，力争2024年新增就业岗位100个，2024年将新建产业路3公里。',
];
// Suggestions for next year in 四（三）改进建议: not another year's performance.
const inSuggestions = ['3、强化业务培训。2024年培训财务人员20人，资金结余率5%。'];

let findings: Finding[];

beforeAll(async () => {
  let text = withParagraphs(seedText, '3.抓实脱贫成果巩固', inBasicInfo);
  text = withParagraphs(text, '2、加强财务管理', inSuggestions);
  const bytes = await writeSubmissionDocx(submissionFromSeed(parseSeedText(text)));
  findings = runRules(parseReport(await readDocument(bytes)));
});

const ofRule = (ruleId: string) => findings.filter((f) => f.ruleId === ruleId);

describe('the text rules on a parsed DOCX', () => {
  it('add up only the parts that split a total, and hold overlapping ones to it one by one', () => {
    expect(ofRule('text.breakdown-sum').map((f) => f.message)).toEqual([
      '「共排查邻里纠纷25起，其中土地纠纷10起、婚姻纠纷20起」中，各分项10起、20起合计30起，超过总数25起',
    ]);
  });

  it('date a clause once, and leave plans and the 改进建议 part alone', () => {
    expect(ofRule('text.year-mismatch').map((f) => [f.message, f.evidence.length])).toEqual([
      ['「2024年医疗保险参保率83.79%」所述为2024年的数据，与报告年度2023年不符', 2],
      ['「2022年新增5户19人」所述为2022年的数据，与报告年度2023年不符', 3],
    ]);
  });

  it('point every finding at the paragraph the figures stand in', () => {
    const [breakdown] = ofRule('text.breakdown-sum');
    const locations = new Set(breakdown!.evidence.map((e) => JSON.stringify(e.location)));
    expect(locations.size).toBe(1);
    expect(breakdown!.evidence.map((e) => [e.label, e.value, e.text])).toEqual(
      [
        ['排查邻里纠纷', 25],
        ['土地纠纷', 10],
        ['婚姻纠纷', 20],
      ].map(([label, value]) => [label, value, '共排查邻里纠纷25起，其中土地纠纷10起、婚姻纠纷20起。']),
    );
  });

  it('leave the seed’s other findings as they were', () => {
    expect(findings.filter((f) => f.severity === 'error').map((f) => f.ruleId)).toEqual([
      'scoring.group-points',
      'scoring.group-points',
    ]);
  });
});
