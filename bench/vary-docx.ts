/**
 * Makes benchmark submissions from a fixture DOCX: rewrites the text of word/document.xml with
 * a unit name of its own and other figures, kept consistent with each other (sums still add up,
 * balance still balances), so that every variant gets the same findings as the fixture it came from.
 * A group of substitutions (a total and its parts) is applied only when all of it matches the
 * fixture's wording; every variant gets distinct bytes either way.
 */

import type { Random } from '../fixtures/hostile/seeded-random.js';
import { readZip, rewriteZip } from '../fixtures/hostile/zip.js';

// Name stems are built from these by the variant's index, so every variant names a different unit:
// the pipeline treats a second file for the same unit and year as a resubmission that supersedes the first.
const firstCharacters = [...'新红金白杨万五觉勒宜毛哈大沙共永黑双石桃青太凤龙胜德清安和平'];
const secondCharacters = [...'林花岩河坪渡莫乌曲村堡场竹柳门园杠阳凰池利胜溪源山坝湾桥沟口'];

function uniqueStem(index: number): string {
  const first = firstCharacters[index % firstCharacters.length]!;
  const second = secondCharacters[Math.floor(index / firstCharacters.length) % secondCharacters.length]!;
  const round = Math.floor(index / (firstCharacters.length * secondCharacters.length));
  return round === 0 ? `${first}${second}` : `${first}${second}${firstCharacters[round % firstCharacters.length]}`;
}

interface Substitution {
  readonly from: string;
  readonly to: string;
}

/** Substitutions that only make sense together (a total and its parts): applied all or none. */
type SubstitutionGroup = readonly Substitution[];

/** The unit in the title (平等乡 of 「平等乡人民政府部门整体绩效自评报告」, or 县农业农村局) renamed uniquely for variant `index`. */
function unitGroup(xml: string, index: number): SubstitutionGroup {
  const township = /([\u4e00-\u9fff]{1,4})(乡|镇)人民政府部门整体绩效自评报告/.exec(xml);
  if (township) return [{ from: `${township[1]}${township[2]}`, to: `${uniqueStem(index)}${township[2]}` }];
  const department = /(县[\u4e00-\u9fff]{1,10}?)(局|委员会|办公室|中心)部门整体绩效自评报告/.exec(xml);
  if (department) return [{ from: `${department[1]}${department[2]}`, to: `县${uniqueStem(index)}${department[2]}` }];
  return [];
}

/** The seed template's sentences with consistent replacements (a fixture keeps the ones it still has verbatim). */
function seedGroups(random: Random): SubstitutionGroup[] {
  const authorized = {
    administrative: random.int(10, 25),
    service: random.int(0, 3),
    institutional: random.int(5, 20),
  };
  const authorizedTotal = authorized.administrative + authorized.service + authorized.institutional;
  const actual = {
    administrative: random.int(Math.max(1, authorized.administrative - 6), authorized.administrative),
    service: random.int(0, authorized.service),
    institutional: random.int(Math.max(0, authorized.institutional - 6), authorized.institutional),
  };
  const actualTotal = actual.administrative + actual.service + actual.institutional;

  // Income = expenditure with 无结转结余; never below the seed's 801.86万元, so listed projects stay within it.
  const money = `${random.int(802, 2500)}.${String(random.int(0, 99)).padStart(2, '0')}万元`;

  const drug = {
    deceased: random.int(0, 6),
    imprisoned: random.int(0, 4),
    compulsory: random.int(0, 3),
    community: random.int(0, 6),
    abstinent: random.int(5, 20),
  };
  const registered = drug.deceased + drug.imprisoned + drug.compulsory + drug.community + drug.abstinent;
  const living = registered - drug.deceased;
  const levelTwo = random.int(0, Math.min(5, living));
  const levelThree = random.int(0, living - levelTwo);

  const hazardsFixed = random.int(20, 80);
  const hazardsPending = random.int(0, 5);

  // 低保: persons ≥ households, and funds per person kept near the seed's 2,725.67元 a year.
  const households = random.int(120, 320);
  const persons = households + random.int(households, households * 2);
  const funds = ((persons * 272567) / 100 / 10000).toFixed(4);

  return [
    [
      {
        from: '总编制31名，其中：行政编制17名，工勤编制0名，事业编制14名。',
        to: `总编制${authorizedTotal}名，其中：行政编制${authorized.administrative}名，工勤编制${authorized.service}名，事业编制${authorized.institutional}名。`,
      },
      {
        from: '在职人员总数22名，其中：行政14名，工勤0名，事业8名。',
        to: `在职人员总数${actualTotal}名，其中：行政${actual.administrative}名，工勤${actual.service}名，事业${actual.institutional}名。`,
      },
    ],
    [
      { from: '部门收入总额801.86万元', to: `部门收入总额${money}` },
      { from: '部门支出总额801.86万元', to: `部门支出总额${money}` },
      { from: '本年无结转结余', to: '本年无结转结余' },
    ],
    [
      {
        from: '我乡涉毒人员25人，死亡4人，2人羁押服刑，1人强制隔离，4人社区康复，14人戒断3年无复吸，其中二级管控3人、三级管控14人',
        to: `我乡涉毒人员${registered}人，死亡${drug.deceased}人，${drug.imprisoned}人羁押服刑，${drug.compulsory}人强制隔离，${drug.community}人社区康复，${drug.abstinent}人戒断3年无复吸，其中二级管控${levelTwo}人、三级管控${levelThree}人`,
      },
      { from: '对21个涉毒人员建立', to: `对${living}个涉毒人员建立` },
    ],
    [
      {
        from: '发现安全隐患共计59处，其已整改57处，2处正在整改中',
        to: `发现安全隐患共计${hazardsFixed + hazardsPending}处，其已整改${hazardsFixed}处，${hazardsPending}处正在整改中`,
      },
    ],
    [{ from: '低保212户、608人，发放资金165.7206万元', to: `低保${households}户、${persons}人，发放资金${funds}万元` }],
  ];
}

export interface VariedDocx {
  readonly bytes: Buffer;
  /** How many substitution groups matched the fixture's text (and were applied). */
  readonly applied: number;
}

/** Variant `index` of a fixture DOCX (deterministic for a given random state). */
export function varyDocx(fixture: Uint8Array, index: number, random: Random): VariedDocx {
  const entries = readZip(fixture);
  const document = entries.find((entry) => entry.name === 'word/document.xml');
  if (!document) throw new Error('fixture has no word/document.xml');
  let xml = Buffer.from(document.data).toString('utf8');
  let applied = 0;
  for (const group of [unitGroup(xml, index), ...seedGroups(random)]) {
    if (group.length === 0 || !group.every(({ from }) => xml.includes(from))) continue;
    for (const { from, to } of group) xml = xml.split(from).join(to);
    applied++;
  }
  // A comment after the root element: distinct bytes (and sha256) even where nothing matched.
  xml += `<!-- bench variant ${index} -->`;
  return { bytes: rewriteZip(entries, new Map([['word/document.xml', Buffer.from(xml, 'utf8')]])), applied };
}
