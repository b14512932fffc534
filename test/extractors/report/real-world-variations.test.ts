/**
 * Real submissions vary (SPEC §1): the seed DOCX edited the way units really write their reports —
 * other headings and titles, finance figures in a small table, a 合计 row, the scoring table split in
 * two, project lists one per line or as a table, other wordings of 无结转结余 and of pending hazards —
 * read and parsed for real, and checked by the rule catalogue for false findings.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDocx } from '../../../extractors/docx/reader.js';
import type { TableBlock } from '../../../extractors/model/document-model.js';
import {
  check,
  editSeed,
  findingLines,
  insertAfterParagraph,
  paragraphXml,
  replaceParagraph,
  replaceText,
  scoringTableParts,
  seedDocx,
  seedFindingIds,
  tableXml,
} from '../support/seed-docx-edit.js';
import { realWorldVariantDocx } from './real-world-variant.js';

const seed = await check(new Uint8Array(seedDocx()));
const ruleIds = (result: { findings: { ruleId: string }[] }) => result.findings.map((f) => f.ruleId).sort();
const edited = async (edit: (xml: string) => string) => check(await editSeed(edit));

const PROJECT_LIST =
  '我乡2023年完成项目如下：基层组织和农村公共服务运行维护费68万元、乡镇农村人居环境整治考核奖补资金42万元、垃圾车运营维护费4万元、公务用车购置24.98万元、观慈村人居环境改造项目、停车场改扩建项目前期经费项目7.48万元、乡镇安全管理相关经费4.16万元，已按实际拨付完毕。';
const PROJECT_LINES = [
  '基层组织和农村公共服务运行维护费68万元；',
  '乡镇农村人居环境整治考核奖补资金42万元；',
  '垃圾车运营维护费4万元；',
  '公务用车购置24.98万元；',
  '观慈村人居环境改造项目、停车场改扩建项目前期经费项目7.48万元；',
  '乡镇安全管理相关经费4.16万元。',
];

it('starts from the seed as SPEC §4 has it', () => {
  expect(ruleIds(seed)).toEqual(seedFindingIds);
  expect(seed.report.finance.projects).toHaveLength(6);
});

describe('the parts of the template under the names units give them', () => {
  it.each([
    ['三、部门整体绩效管理情况', '三、部门整体支出绩效情况'],
    ['三、部门整体绩效管理情况', '三、绩效管理情况'],
    ['三、部门整体绩效管理情况', '三、部门整体绩效分析'],
    ['二、部门财政资金收支情况', '二、收支情况'],
    ['二、部门财政资金收支情况', '二、部门预算收支情况'],
    ['四、评价结论及建议', '四、自评结论'],
    ['四、评价结论及建议', '四、评价结论和建议'],
  ])('finds 「%s」 written as 「%s」', async (from, to) => {
    const result = await edited((xml) => replaceText(xml, from, to));
    expect(ruleIds(result)).toEqual(seedFindingIds);
    expect(Object.values(result.extraction.sections).every((location) => location !== null)).toBe(true);
    expect(result.report).toEqual(seed.report);
  });

  it('does not take 「部门整体支出绩效目标」 (a subsection of 部门基本情况) for the performance part', async () => {
    const result = await edited((xml) => replaceText(xml, '三、部门整体绩效管理情况', '三、其他情况'));
    expect(result.extraction.sections.performance).toBeNull();
  });

  it('takes a subsection such as 「（三）2023年重点工作绩效完成情况」 for no part', async () => {
    const result = await edited((xml) =>
      replaceText(xml, '（三）2023年重点工作开展情况', '（三）2023年重点工作绩效完成情况'),
    );
    expect(result.extraction.sections).toEqual(seed.extraction.sections);
    expect(ruleIds(result)).toEqual(seedFindingIds);
  });
});

describe('the unit named however the title words it', () => {
  it.each([
    ['平等乡人民政府关于2023年度部门整体支出绩效自评情况的报告', '平等乡人民政府'],
    ['平等乡人民政府2023年度部门整体支出绩效自评报告', '平等乡人民政府'],
    ['平等乡人民政府 2023年度部门整体绩效自评报告', '平等乡人民政府'],
    ['关于平等乡2023年度部门整体支出绩效评价情况的报告', '平等乡'],
  ])('reads 「%s」 as %s', async (title, unit) => {
    const result = await edited((xml) => replaceText(xml, '平等乡人民政府部门整体绩效自评报告', title));
    expect(result.report.unit).toBe(unit);
    expect(result.extraction.evidence['unit']).toMatchObject({ text: title });
    expect(ruleIds(result)).toEqual(seedFindingIds);
  });

  it('reads the unit from a 「报送单位：」 line when the title does not name it', async () => {
    const result = await edited((xml) =>
      insertAfterParagraph(
        replaceText(xml, '平等乡人民政府部门整体绩效自评报告', '2023年度部门整体支出绩效自评报告'),
        '2023年度部门整体支出绩效自评报告',
        paragraphXml('报送单位：平等乡人民政府（盖章）    报送日期：2024年3月1日'),
      ),
    );
    expect(result.report.unit).toBe('平等乡人民政府');
    expect(result.extraction.problems.filter((problem) => problem.path === 'unit')).toEqual([]);
  });

  it('reads the unit from the signature block when nothing else names it', async () => {
    const result = await edited((xml) =>
      insertAfterParagraph(
        replaceText(xml, '平等乡人民政府部门整体绩效自评报告', '2023年度部门整体支出绩效自评报告'),
        '在费用报账支付时',
        paragraphXml('平等乡人民政府') + paragraphXml('2024年3月1日'),
      ),
    );
    expect(result.report.unit).toBe('平等乡人民政府');
  });
});

describe('finance figures stated in a small 收支 table', () => {
  /** The three finance sentences replaced by a table (and what stands before it). */
  const withTable = (before: string, rows: string[][]) => (xml: string) => {
    let edited = replaceParagraph(xml, '2023年度部门收入总额801.86万元。', before + tableXml(rows));
    edited = replaceParagraph(edited, '2023年度部门支出总额801.86万元。', '');
    return replaceParagraph(edited, '本年无结转结余。', '');
  };

  it.each([
    [
      'the unit in a caption line',
      paragraphXml('单位：万元'),
      [
        ['项目', '金额'],
        ['收入总额', '801.86'],
        ['支出总额', '801.86'],
        ['结转结余', '0'],
      ],
    ],
    [
      'the unit in the column header',
      '',
      [
        ['项目', '金额（万元）'],
        ['一、收入总额', '801.86'],
        ['二、支出总额', '801.86'],
        ['三、结转结余', '无'],
      ],
    ],
    [
      'the unit in each cell, labels heading the columns',
      '',
      [
        ['收入总额', '支出总额', '结转结余'],
        ['801.86万元', '801.86万元', '0万元'],
      ],
    ],
    [
      'yuan with thousands separators, budgeted and actual columns',
      paragraphXml('金额单位：元'),
      [
        ['项目', '年初预算数', '决算数'],
        ['收入合计', '7,000,000.00', '8,018,600.00'],
        ['支出合计', '7,000,000.00', '8,018,600.00'],
        ['年末结转和结余', '0.00', '0.00'],
      ],
    ],
  ])('reads 收入/支出/结转结余 with %s', async (_, before, rows) => {
    const result = await edited(withTable(before, rows));
    expect(result.report.finance).toMatchObject({ income: 8018600, expenditure: 8018600, carryover: 0 });
    expect(result.extraction.evidence['finance.income']).toMatchObject({
      value: 8018600,
      location: { table: 0 },
    });
    expect(ruleIds(result)).toEqual(seedFindingIds);
  });

  it('keeps the precision the table states, for the balance check', async () => {
    const result = await edited(withTable(paragraphXml('单位：万元'), [['收入总额', '801.86']]));
    expect(result.extraction.evidence['finance.income']).toMatchObject({ halfUnit: 50, unit: '万元' });
  });

  it('leaves tables of other figures alone (三公经费支出合计 is not the unit’s expenditure)', async () => {
    const result = await edited((xml) =>
      insertAfterParagraph(
        xml,
        '2023年度部门支出总额801.86万元。',
        paragraphXml('其中三公经费支出情况如下：') +
          tableXml([
            ['项目', '金额（万元）'],
            ['公务用车运行维护费', '3.2'],
            ['三公经费支出合计', '5.2'],
          ]),
      ),
    );
    expect(result.report.finance).toEqual(seed.report.finance);
    expect(result.extraction.problems).toEqual([]);
  });

  it('says so when a table states a figure without any unit', async () => {
    const result = await edited(withTable('', [['收入总额', '801.86']]));
    expect(result.report.finance.income).toBeNull();
    expect(result.extraction.problems).toContainEqual(
      expect.objectContaining({
        code: 'unparsed-number',
        path: 'finance.income',
        location: { table: 0, row: 0, column: 1 },
      }),
    );
  });
});

describe('the scoring table as units lay it out', () => {
  const parts = (xml: string) => scoringTableParts(xml);
  const cell = (text: string, span = 1) =>
    `<w:tc>${span > 1 ? `<w:tcPr><w:gridSpan w:val="${span}"/></w:tcPr>` : ''}${paragraphXml(text)}</w:tc>`;
  const sumRow = (label: string, max: string, score: string) =>
    `<w:tr>${cell(label, 3)}${[max, '', '', '', '', '', '', score, ''].map((text) => cell(text)).join('')}</w:tr>`;
  const join = (t: ReturnType<typeof parts>, rows: string[]) =>
    `${t.before}${t.head}${rows.join('')}</w:tbl>${t.after}`;

  it('reads a 合计 row before the total row as a total, not an item', async () => {
    const result = await edited((xml) => {
      const t = parts(xml);
      return join(t, [...t.rows.slice(0, -1), sumRow('合计', '100', '97'), t.rows.at(-1)!]);
    });
    expect(result.report.scoring).toEqual(seed.report.scoring);
    expect(result.extraction.evidence['scoring.statedMaxTotal']).toMatchObject({ value: 100 });
    expect(ruleIds(result)).toEqual(seedFindingIds);
  });

  it('takes the 合计 row’s 自评打分 as the table total when no 部门整体自评得分 row follows', async () => {
    const result = await edited((xml) => {
      const t = parts(xml);
      return join(t, [...t.rows.slice(0, -1), sumRow('合 计', '100', '97')]);
    });
    expect(result.report.scoring).toEqual(seed.report.scoring);
    expect(result.extraction.evidence['scoring.tableTotal']).toMatchObject({ label: '合计', value: 97 });
    expect(ruleIds(result)).toEqual(seedFindingIds);
  });

  it('skips a 小计 row after a group without ending the table', async () => {
    // Rows 2–10 are the 部门预算项目绩效管理（70分） group.
    const result = await edited((xml) => {
      const t = parts(xml);
      return join(t, [...t.rows.slice(0, 11), sumRow('小计', '70', '67'), ...t.rows.slice(11)]);
    });
    expect(result.report.scoring).toEqual(seed.report.scoring);
  });

  const PAGE_BREAK = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>';
  it.each([
    ['without its header', (t: ReturnType<typeof parts>) => [PAGE_BREAK, t.head, ...t.rows.slice(9)]],
    [
      'with its header repeated',
      (t: ReturnType<typeof parts>) => [PAGE_BREAK, t.head, ...t.rows.slice(0, 2), ...t.rows.slice(9)],
    ],
    ['after a 续表 line', (t: ReturnType<typeof parts>) => [paragraphXml('续表'), t.head, ...t.rows.slice(9)]],
  ])('joins a scoring table split in two Word tables %s', async (_, second) => {
    const result = await edited((xml) => {
      const t = parts(xml);
      return `${t.before}${t.head}${t.rows.slice(0, 9).join('')}</w:tbl>${second(t).join('')}</w:tbl>${t.after}`;
    });
    expect(result.report.scoring).toEqual(seed.report.scoring);
    expect(ruleIds(result)).toEqual(seedFindingIds);
    // Evidence still points at the cell a reviewer sees: the second Word table.
    expect(result.extraction.evidence['scoring.tableTotal']!.location).toMatchObject({ table: 1 });
    expect(result.extraction.evidence['scoring.items.0.score']!.location).toMatchObject({ table: 0 });
  });
});

describe('a scoring table continued in a table of other columns, with its own header', () => {
  it('joins the parts by the columns their headers name', async () => {
    const model = await readDocx(seedDocx());
    const first = model.blocks.find((block): block is TableBlock => block.kind === 'table')!;
    // The rest of the table (rows 9–16) as a five-column table: 一级, 二级, 三级, 指标分值, 自评打分.
    const rest = first.rows.slice(9).map((row) => [0, 1, 2, 3, 10].map((c) => (row[c]!.merged ? '' : row[c]!.text)));
    const result = await edited((xml) => {
      const t = scoringTableParts(xml);
      const second = tableXml([['一级指标', '二级指标', '三级指标', '指标分值', '自评打分'], ...rest]);
      return `${t.before}${t.head}${t.rows.slice(0, 9).join('')}</w:tbl>${second}${t.after}`;
    });
    expect(result.report.scoring).toEqual(seed.report.scoring);
    expect(result.extraction.evidence['scoring.tableTotal']!.location).toEqual({ table: 1, row: 8, column: 4 });
    expect(ruleIds(result)).toEqual(seedFindingIds);
  });
});

describe('the project list as units write it', () => {
  it.each([
    ['numbered lines', PROJECT_LINES.map((line, i) => `${i + 1}.${line}`)],
    ['lines numbered （1）', PROJECT_LINES.map((line, i) => `（${i + 1}）${line}`)],
    ['lines without numbers', PROJECT_LINES],
  ])('reads projects written on %s', async (_, lines) => {
    const result = await edited((xml) =>
      replaceParagraph(xml, PROJECT_LIST, ['我乡2023年完成项目如下：', ...lines].map(paragraphXml).join('')),
    );
    expect(result.report.finance.projects).toEqual(seed.report.finance.projects);
    // The list in 三 repeats the amounts: they still agree.
    expect(result.extraction.repeatedFigures).toHaveLength(seed.extraction.repeatedFigures.length);
    expect(ruleIds(result)).toEqual(seedFindingIds);
  });

  it('reads projects from a 项目名称 | 金额 table, leaving out its 合计 row', async () => {
    const result = await edited((xml) =>
      replaceParagraph(
        xml,
        PROJECT_LIST,
        paragraphXml('我乡2023年完成项目如下：') +
          tableXml([
            ['项目名称', '金额（万元）'],
            ['基层组织和农村公共服务运行维护费', '68'],
            ['乡镇农村人居环境整治考核奖补资金', '42'],
            ['合计', '110'],
          ]),
      ),
    );
    expect(result.report.finance.projects).toEqual([
      { name: '基层组织和农村公共服务运行维护费', amount: 680000 },
      { name: '乡镇农村人居环境整治考核奖补资金', amount: 420000 },
    ]);
    expect(result.extraction.evidence['finance.projects.1.amount']).toMatchObject({
      value: 420000,
      halfUnit: 5000,
      location: { table: 0, row: 2, column: 1 },
    });
  });

  it.each([
    ['no amount at all', ['我乡2023年各项目均按计划完成，已按实际拨付完毕。']],
    ['only the year’s total spending', ['全年共拨付资金150.62万元。']],
    ['a numbered point on spending', ['1.预算执行情况。全年支出801.86万元，预算执行率100%，各项目均按计划完成。']],
  ])('records a missing-figure problem when the part lists %s', async (_, paragraphs) => {
    const result = await edited((xml) => replaceParagraph(xml, PROJECT_LIST, paragraphs.map(paragraphXml).join('')));
    expect(result.report.finance.projects).toEqual([]);
    expect(result.extraction.problems).toContainEqual(
      expect.objectContaining({
        code: 'missing-figure',
        path: 'finance.projects',
        message: expect.stringContaining('绩效目标'),
      }),
    );
  });
});

describe('the 100万以上项目 claim in either order', () => {
  /** 垃圾车运营维护费 becomes a 168万元 project, in the list and where 三 repeats it. */
  const withLargeProject = (claim: string) => (xml: string) =>
    replaceText(
      replaceText(xml, '垃圾车运营维护费4万元', '垃圾车运营维护费168万元', 2),
      '2.100万以上项目：无。',
      claim,
    );

  it.each([
    '2.100万元以上项目绩效分析：本单位无100万元以上项目。',
    '2.100万元以上项目：本年度不涉及。',
    '2.本单位没有100万元以上的项目。',
    '2.100万以上项目情况：未有。',
  ])('reads 「%s」 as a claim of none, which the 168万元 project contradicts', async (claim) => {
    const result = await edited(withLargeProject(claim));
    expect(result.report.finance.largeProjectsClaim).toBe('none');
    expect(ruleIds(result)).toEqual([...seedFindingIds, 'funds.large-project-claim'].sort());
  });

  it('reads a claim that names the project as listed', async () => {
    const result = await edited(withLargeProject('2.100万元以上项目绩效分析：垃圾车运营维护费168万元，已完成。'));
    expect(result.report.finance.largeProjectsClaim).toBe('listed');
    expect(ruleIds(result)).not.toContain('funds.large-project-claim');
  });
});

describe('zero carryover and pending hazards however they are worded', () => {
  it.each(['结转结余：无。', '结转结余0万元。', '年末结转和结余0.00元。', '结转结余为零。'])(
    'reads 「%s」 as a carryover of 0',
    async (sentence) => {
      const result = await edited((xml) => replaceText(xml, '本年无结转结余。', sentence));
      expect(result.report.finance.carryover).toBe(0);
      expect(result.extraction.problems.filter((problem) => problem.path === 'finance.carryover')).toEqual([]);
      expect(ruleIds(result)).toEqual(seedFindingIds);
    },
  );

  it.each(['剩余2处正在整改', '尚有2处未整改', '2处隐患正在整改'])(
    'reads 「%s」 as 2 pending hazards',
    async (clause) => {
      const result = await edited((xml) => replaceText(xml, '2处正在整改中', clause));
      expect(result.report.facts.safety).toEqual({ hazardsFound: 59, hazardsFixed: 57, hazardsPending: 2 });
      expect(findingLines(result.findings)).toEqual(findingLines(seed.findings));
    },
  );
});

describe('several real-world layouts in one document, as DOCX and as its LibreOffice PDF', () => {
  it('extracts the same report and findings from both, the seed’s figures and findings', async () => {
    const pdfBytes = new Uint8Array(
      readFileSync(new URL('../pdf/pdf-fixtures/real-world-variant.pdf', import.meta.url)),
    );
    const [docx, pdf] = await Promise.all([check(await realWorldVariantDocx()), check(pdfBytes)]);
    expect(docx.report).toEqual({ ...seed.report, unit: '平等乡人民政府' });
    expect(pdf.report).toEqual(docx.report);
    expect(findingLines(pdf.findings)).toEqual(findingLines(docx.findings));
    expect(ruleIds(docx)).toEqual(seedFindingIds);
    expect(pdf.extraction.evidence['finance.income']).toMatchObject({ value: 8018600, location: { table: 0 } });
  });
});
