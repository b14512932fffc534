/** The parser on small hand-built documents: the ways real submissions differ from the seed. */
import { describe, expect, it } from 'vitest';
import { isRejection } from '../../../extractors/model/rejection.js';
import { extractionSchema, reportSchema } from '../../../extractors/model/report-schema.js';
import { parseReport } from '../../../extractors/report/parse-report.js';
import { modelOf, tableOf } from '../../support/seed-model.js';

const TITLE = '测试乡人民政府部门整体绩效自评报告';

function parse(paragraphs: string[], tables = [scoringTable()]) {
  const parsed = parseReport(modelOf(paragraphs, tables));
  reportSchema.parse(parsed.report);
  extractionSchema.parse(parsed.extraction);
  return parsed;
}

/** A two-level-header scoring table like the template's, with the given score header and total label. */
function scoringTable(scoreHeader = '自评打分', totalLabel = '部门整体自评得分') {
  return tableOf([
    ['一级指标', '二级指标', '三级指标', '指标分值', scoreHeader],
    ['部门预算项目绩效管理（70分）', '目标管理（40分）', '目标制定', '10', '10'],
    ['^', '^', '目标实现', '30', '28'],
    ['^', '动态调整（30分）', '支出控制', '30', '30'],
    ['绩效结果应用（30分）', '信息公开（30分）', '自评公开', '30', '27'],
    [{ text: '扣分项（10分）', colSpan: 3 }, '10', '2'],
    [{ text: totalLabel, colSpan: 4 }, '93'],
  ]);
}

describe('labels and numbers as submissions write them', () => {
  it('reads labels written after the number', () => {
    const { report } = parse([
      TITLE,
      '我乡涉毒人员25人，4人死亡，2人羁押服刑，1人强制隔离戒毒，4人社区戒毒，14人戒断三年未复吸。',
      '发现59处安全隐患，其中57处已整改，2处正在整改中。',
    ]);
    expect(report.facts.drugControl).toMatchObject({
      registered: 25,
      deceased: 4,
      imprisoned: 2,
      compulsoryRehab: 1,
      communityRehab: 4,
      abstinent: 14,
    });
    expect(report.facts.safety).toEqual({ hazardsFound: 59, hazardsFixed: 57, hazardsPending: 2 });
  });

  it('reads full-width digits', () => {
    const { report, extraction } = parse([
      TITLE,
      '二、部门财政资金收支情况',
      '２０２３年度部门收入总额８０１．８６万元。',
      '２０２３年度部门支出总额７９８．４２万元。',
      '结转结余３．４４万元。',
    ]);
    expect(report.year).toBe(2023);
    expect(report.finance).toMatchObject({ income: 8018600, expenditure: 7984200, carryover: 34400 });
    expect(extraction.evidence['finance.income']).toMatchObject({ value: 8018600, halfUnit: 50, unit: '万元' });
  });

  it('reads yuan with thousands separators and keeps their precision', () => {
    const { report, extraction } = parse([
      TITLE,
      '二、部门财政资金收支情况',
      '2024年度部门收入总额9,126,500.00元。',
      '2024年度部门支出总额8，826，500.00元。',
      '年末结转结余300,000.00元。',
    ]);
    expect(report.finance).toMatchObject({ income: 9126500, expenditure: 8826500, carryover: 300000 });
    expect(extraction.evidence['finance.income']).toMatchObject({ halfUnit: 0.005, unit: '元' });
    expect(extraction.evidence['finance.carryover']).toMatchObject({ label: '结转结余', value: 300000 });
    expect(report.year).toBe(2024);
  });

  it('reads labels with spaces inside them', () => {
    const { report } = parse([
      TITLE,
      '总 编 制31名，其中：行政编制17名，工勤编制0名，事业编制14名。在 职 人 员 总 数22名，其中：行政14名，工勤0名，事业8名。',
      '收 入 总 额 801.86 万元，支 出 总 额 801.86 万元，本年无结转结余。',
      '四、评价结论',
      '绩 效 评 价 得 分：95分。',
    ]);
    expect(report.staffing.authorized).toEqual({ total: 31, administrative: 17, service: 0, institutional: 14 });
    expect(report.staffing.actual).toMatchObject({ total: 22, administrative: 14, service: 0, institutional: 8 });
    expect(report.finance).toMatchObject({ income: 8018600, expenditure: 8018600, carryover: 0 });
    expect(report.scoring.conclusionScore).toBe(95);
  });

  it('keeps approximate figures approximate', () => {
    const { extraction } = parse([TITLE, '开展专项安全工作共计三十余项，路检路查200余次，覆盖群众约1000人。']);
    const figures = extraction.sentences.flatMap((s) => s.figures);
    expect(figures.map((f) => [f.raw, f.value, f.approximate])).toEqual([
      ['三十余项', '30', true],
      ['200余次', '200', true],
      ['1000人', '1000', true],
    ]);
  });

  it('reads the conclusion score however the sentence words it', () => {
    for (const sentence of ['本单位自评得分为96分。', '综合得分96分。', '经评价，得分96分，等级为优。']) {
      expect(parse([TITLE, '四、评价结论及建议', sentence]).report.scoring.conclusionScore).toBe(96);
    }
  });
});

describe('the scoring table', () => {
  it('finds columns by their header text, 自评得分 included, and spaced-out total labels', () => {
    const { report, extraction } = parse([TITLE], [scoringTable('自评得分', '部 门 整 体 自 评 得 分')]);
    expect(report.scoring.items).toEqual([
      {
        path: ['部门预算项目绩效管理', '目标管理', '目标制定'],
        max: 10,
        score: 10,
        deduction: false,
        target: null,
        actual: null,
      },
      {
        path: ['部门预算项目绩效管理', '目标管理', '目标实现'],
        max: 30,
        score: 28,
        deduction: false,
        target: null,
        actual: null,
      },
      {
        path: ['部门预算项目绩效管理', '动态调整', '支出控制'],
        max: 30,
        score: 30,
        deduction: false,
        target: null,
        actual: null,
      },
      {
        path: ['绩效结果应用', '信息公开', '自评公开'],
        max: 30,
        score: 27,
        deduction: false,
        target: null,
        actual: null,
      },
      { path: ['扣分项'], max: 10, score: 2, deduction: true, target: null, actual: null },
    ]);
    expect(report.scoring.groups).toEqual([
      { path: ['部门预算项目绩效管理'], declaredMax: 70 },
      { path: ['部门预算项目绩效管理', '目标管理'], declaredMax: 40 },
      { path: ['部门预算项目绩效管理', '动态调整'], declaredMax: 30 },
      { path: ['绩效结果应用'], declaredMax: 30 },
      { path: ['绩效结果应用', '信息公开'], declaredMax: 30 },
    ]);
    expect(report.scoring.tableTotal).toBe(93);
    expect(extraction.evidence['scoring.tableTotal']).toMatchObject({ location: { table: 0, row: 6, column: 4 } });
    expect(extraction.sections.scoringTable).toEqual({ table: 0, row: 0, column: 0 });
  });

  it('fills down empty indicator cells and skips a header repeated on a new page', () => {
    const table = tableOf([
      ['一级指标', '二级指标', '三级指标', '指标分值', '指标解释', '自评打分'],
      ['部门预算项目绩效管理（70分）', '目标管理（40分）', '目标制定', '20', '……', '20'],
      ['', '', '', '20', '……', '19'],
      ['一级指标', '二级指标', '三级指标', '指标分值', '指标解释', '自评打分'],
      ['', '完成结果（30分）', '违规记录', '30', '……', '30'],
      ['绩效结果应用（30分）', '整改反馈（30分）', '问题整改', '30', '……', '25'],
      [{ text: '扣分项', colSpan: 3 }, '10', '……', '0'],
      [{ text: '合计', colSpan: 5 }, '94'],
    ]);
    const { report } = parse([TITLE], [table]);
    expect(report.scoring.items.map((item) => [item.path.join('/'), item.max, item.score])).toEqual([
      ['部门预算项目绩效管理/目标管理/目标制定', 20, 20],
      ['部门预算项目绩效管理/目标管理/目标制定', 20, 19],
      ['部门预算项目绩效管理/完成结果/违规记录', 30, 30],
      ['绩效结果应用/整改反馈/问题整改', 30, 25],
      ['扣分项', 10, 0],
    ]);
    expect(report.scoring.groups.map((g) => g.path.join('/'))).toEqual([
      '部门预算项目绩效管理',
      '部门预算项目绩效管理/目标管理',
      '部门预算项目绩效管理/完成结果',
      '绩效结果应用',
      '绩效结果应用/整改反馈',
    ]);
    expect(report.scoring.tableTotal).toBe(94);
  });

  it('reports a score cell that is not a number as a problem and leaves the score null', () => {
    const table = tableOf([
      ['一级指标', '二级指标', '三级指标', '指标分值', '自评打分'],
      ['甲（10分）', '乙（10分）', '丙', '10', '满分'],
      [{ text: '部门整体自评得分', colSpan: 4 }, '10'],
    ]);
    const { report, extraction } = parse([TITLE], [table]);
    expect(report.scoring.items[0]).toMatchObject({ max: 10, score: null });
    expect(extraction.problems).toContainEqual(
      expect.objectContaining({
        code: 'unparsed-number',
        path: 'scoring.items.0.score',
        location: { table: 0, row: 1, column: 4 },
      }),
    );
  });
});

describe('what is missing or not a report', () => {
  it('rejects a readable document that is not a self-assessment report', () => {
    const model = modelOf([
      '关于召开2024年第一季度安全生产工作会议的通知',
      '各村、各站所：',
      '定于3月5日上午9时召开会议，请准时参加。',
    ]);
    let caught: unknown;
    try {
      parseReport(model);
    } catch (error) {
      caught = error;
    }
    expect(isRejection(caught)).toBe(true);
    expect(caught).toMatchObject({ code: 'not-a-report' });
    expect((caught as Error).message).toMatch(/不是部门整体绩效自评报告/);
  });

  it('rejects a notice that only mentions the self-assessment work', () => {
    const model = modelOf([
      '关于召开全县预算绩效管理工作培训会的通知',
      '为做好2024年度部门整体绩效自评工作，决定召开培训会。',
      '一、会议时间',
    ]);
    expect(() => parseReport(model)).toThrow(expect.objectContaining({ code: 'not-a-report' }));
  });

  it('accepts a report whose title is missing but whose parts are there', () => {
    const model = modelOf(['一、部门基本情况', '二、部门财政资金收支情况', '2023年度部门收入总额801.86万元。']);
    expect(parseReport(model).report.finance.income).toBe(8018600);
  });

  it('rejects an empty document', () => {
    expect(() => parseReport(modelOf([], []))).toThrow(expect.objectContaining({ code: 'not-a-report' }));
  });

  it('accepts a document with a scoring table but no narrative', () => {
    expect(parseReport(modelOf([], [scoringTable()])).report.scoring.tableTotal).toBe(93);
  });

  it('leaves a figure that is not stated null and says so', () => {
    const { report, extraction } = parse([TITLE, '二、部门财政资金收支情况', '2023年度部门支出总额801.86万元。'], []);
    expect(report.finance.income).toBeNull();
    expect(report.finance.expenditure).toBe(8018600);
    expect(extraction.evidence['finance.income']).toBeUndefined();
    expect(extraction.problems).toContainEqual(
      expect.objectContaining({ code: 'missing-figure', path: 'finance.income' }),
    );
    expect(extraction.problems).toContainEqual(
      expect.objectContaining({ code: 'missing-figure', path: 'scoring.tableTotal' }),
    );
  });

  it('falls back to any 收入/支出 figure of the finance part when no total is named', () => {
    const { report, extraction } = parse([
      TITLE,
      '二、部门财政资金收支情况',
      '本年财政拨款收入801.86万元，本年支出798.42万元。',
    ]);
    expect(report.finance).toMatchObject({ income: 8018600, expenditure: 7984200 });
    expect(extraction.evidence['finance.income']).toMatchObject({ label: '本年财政拨款收入' });
  });

  it('reports a figure stated twice with different values', () => {
    const { report, extraction } = parse([
      TITLE,
      '二、部门财政资金收支情况',
      '2023年度部门收入总额801.86万元。',
      '三、部门整体绩效管理情况',
      '全年收入总额798.42万元。',
    ]);
    expect(report.finance.income).toBe(8018600);
    expect(extraction.problems).toContainEqual(
      expect.objectContaining({
        code: 'ambiguous-figure',
        path: 'finance.income',
        location: { page: null, paragraph: 4 },
      }),
    );
  });

  it('passes the reader’s problems through', () => {
    const model = modelOf([TITLE]);
    model.problems.push({ code: 'unmapped-glyphs', message: '第1页有无法识别的字符', path: null, location: null });
    expect(parseReport(model).extraction.problems[0]).toMatchObject({ code: 'unmapped-glyphs' });
  });
});

describe('the unit, the year and the projects', () => {
  it('takes the unit from a title with 附件 and a year in it', () => {
    const { report } = parse(['附件2：县农业农村局2023年度部门整体绩效自评报告', '二、部门财政资金收支情况']);
    expect(report.unit).toBe('县农业农村局');
    expect(report.year).toBe(2023);
  });

  it('keeps only the words of a unit name that tries to be a path', () => {
    expect(parse(['../../tmp/逃逸/平等乡人民政府部门整体绩效自评报告']).report.unit).toBe('tmp逃逸平等乡人民政府');
  });

  it('takes the year of the bureau’s notice when the finance part has none', () => {
    const { report } = parse([
      TITLE,
      '根据《县财政局关于开展2022年度部门整体支出绩效评价工作的通知》，现将自评情况报告如下。',
      '部门收入总额100万元。',
    ]);
    expect(report.year).toBe(2022);
  });

  it('splits the project list, joining a name without an amount to the next item', () => {
    const { report, extraction } = parse([
      TITLE,
      '（四）部门整体支出绩效目标',
      '完成项目如下：甲项目68万元、乙项目、丙项目前期经费7.48万元；丁项目120万元，已拨付完毕。',
      '2.100万以上项目：丁项目。',
      '资金主要投入在甲项目68万元、乙项目、丙项目前期经费7.50万元。',
    ]);
    expect(report.finance.projects).toEqual([
      { name: '甲项目', amount: 680000 },
      { name: '乙项目、丙项目前期经费', amount: 74800 },
      { name: '丁项目', amount: 1200000 },
    ]);
    expect(report.finance.largeProjectsClaim).toBe('listed');
    expect(extraction.repeatedFigures.map((r) => [r.name, r.occurrences.map((o) => o.value)])).toEqual([
      ['甲项目', [680000, 680000]],
      ['乙项目、丙项目前期经费', [74800, 75000]],
    ]);
  });

  it('reads welfare benefits with households, persons and funds from their clause', () => {
    const { report } = parse([
      TITLE,
      '全镇城乡低保150户、420人，发放资金120.5万元，特困人员20人，发放资金18万元；新增监测户3户11人。',
    ]);
    expect(report.facts.welfare).toEqual({
      dibaoHouseholds: 150,
      dibaoPersons: 420,
      dibaoFunds: 1205000,
      benefits: [
        { label: '城乡低保', households: 150, persons: 420, funds: 1205000 },
        { label: '特困', households: null, persons: 20, funds: 180000 },
        { label: '新增监测户', households: 3, persons: 11, funds: null },
      ],
    });
  });
});

describe('sentences and headings', () => {
  it('splits on 。；！？ and line breaks, keeping each sentence’s offset', () => {
    const { extraction } = parse([TITLE, '甲1人；乙2人！丙3人？\n丁4人']);
    const sentences = extraction.sentences.filter((s) => s.location.paragraph === 1);
    expect(sentences.map((s) => [s.offset, s.text])).toEqual([
      [0, '甲1人；'],
      [4, '乙2人！'],
      [8, '丙3人？'],
      [13, '丁4人'],
    ]);
  });

  it('reads numbered headings of three levels, full-width and ASCII, but not 一是', () => {
    const { extraction } = parse([
      TITLE,
      '一、部门基本情况',
      '(一)机构组成',
      '１．机构设置',
      '2、人员情况',
      '一是强化管理。',
      '2.5万元用于办公设备购置。',
      '3.100万以上项目：无',
      '十一、其他',
    ]);
    expect(extraction.headings.map((h) => [h.marker, h.level, h.number])).toEqual([
      ['一、', 1, 1],
      ['(一)', 2, 1],
      ['１．', 3, 1],
      ['2、', 3, 2],
      ['3.', 3, 3],
      ['十一、', 1, 11],
    ]);
    const decimal = extraction.sentences.find((s) => s.text.startsWith('2.5万元'))!;
    expect(decimal.figures.map((f) => f.raw)).toEqual(['2.5万元']);
  });

  it('finds the parts by their keywords whatever their numbers', () => {
    const { extraction } = parse([
      TITLE,
      '二、部门基本情况',
      '正文。',
      '五、部门财政资金收支情况',
      '三、部门整体绩效管理情况',
      '一、评价结论及建议',
    ]);
    expect(extraction.sections).toMatchObject({
      title: { paragraph: 0 },
      basicInfo: { paragraph: 1 },
      finance: { paragraph: 3 },
      performance: { paragraph: 4 },
      conclusion: { paragraph: 5 },
    });
  });
});
