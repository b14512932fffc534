/**
 * Writes the small PDFs the PDF-reader tests read (committed beside this script, because CI has no
 * LibreOffice): DOCX files built with the `docx` library, exported to PDF by LibreOffice.
 *
 * Regenerate (needs `soffice` and fonts-noto-cjk):
 *   npx tsc -p . && node dist/test/extractors/pdf/pdf-fixtures/make-pdf-fixtures.js
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalMergeType,
  WidthType,
} from 'docx';
import { pdfFixtureDirectory } from './office-pdfs.js';

const outputDirectory = pdfFixtureDirectory;

const cellText = (text: string, size = 18): Paragraph[] =>
  text.split('\n').map((line) => new Paragraph({ children: [new TextRun({ text: line, size })] }));

interface CellSpec {
  text?: string;
  span?: number;
  /** 'start' opens a vertical merge, 'continue' continues it. */
  merge?: 'start' | 'continue';
}

function cell(spec: CellSpec | string): TableCell {
  const s = typeof spec === 'string' ? { text: spec } : spec;
  return new TableCell({
    children: cellText(s.merge === 'continue' ? '' : (s.text ?? '')),
    ...(s.span ? { columnSpan: s.span } : {}),
    ...(s.merge ? { verticalMerge: s.merge === 'start' ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE } : {}),
  });
}

function row(cells: (CellSpec | string)[], header = false): TableRow {
  return new TableRow({ tableHeader: header, children: cells.map(cell) });
}

const body = (text: string, indent = true): Paragraph =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: indent ? { firstLine: 480 } : undefined,
    spacing: { line: 360 },
    children: [new TextRun({ text, size: 24 })],
  });

const heading = (text: string): Paragraph =>
  new Paragraph({ spacing: { line: 360 }, children: [new TextRun({ text, size: 24, bold: true })] });

const pageFooter = new Footer({
  children: [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT] })] }),
  ],
});
const pageHeader = new Header({
  children: [
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: '测试县财政局', size: 18 })] }),
  ],
});

/** Header rows shaped like the county template: 绩效指标 over three columns, others merged down. */
const headerRows = [
  row(
    [
      { text: '绩效指标', span: 3 },
      { text: '指标分值', merge: 'start' },
      { text: '计分标准', merge: 'start' },
      { text: '自评打分', merge: 'start' },
      { text: '备注', merge: 'start' },
    ],
    true,
  ),
  row(
    [
      '一级指标',
      '二级指标',
      '三级指标',
      { merge: 'continue' },
      { merge: 'continue' },
      { merge: 'continue' },
      { merge: 'continue' },
    ],
    true,
  ),
];
const columnWidths = [1500, 1400, 1500, 800, 2600, 800, 900];

/** A document with narrative paragraphs, a ruled table with merged and wrapped cells, and a footer. */
function cellsAndParagraphs(): Document {
  const long =
    '平等乡总编制31名，其中：行政编制17名，工勤编制0名，事业编制14名。在职人员总数22名，其中：行政14名，工勤0名，事业8名。离休0名。';
  const table = new Table({
    width: { size: 9500, type: WidthType.DXA },
    columnWidths,
    rows: [
      ...headerRows,
      row([
        { text: '部门预算项目绩效管理（70分）', merge: 'start' },
        { text: '目标管理（40分）', merge: 'start' },
        '目标制定',
        '10',
        '1.绩效目标编制科学合理的，得2分，否则酌情扣分。\n2.绩效目标编制规范完整的，得2分。',
        '10',
        '',
      ]),
      row([
        { merge: 'continue' },
        { merge: 'continue' },
        '资金结余率（低效无效率）',
        '5',
        '部门预算项目资金结余率小于0.1的项目数/部门预算项目总数*5。',
        '5',
        '',
      ]),
      row([
        { merge: 'continue' },
        { text: '动态调整（15分）', merge: 'start' },
        '支出控制',
        '10',
        '预决算偏差程度在10%以内的，得10分。',
        '10',
        '',
      ]),
      row([
        { merge: 'continue' },
        { merge: 'continue' },
        '执行进度',
        '5',
        '评价部门在6、9、11月的预算执行情况。',
        '3',
        '',
      ]),
      row([{ text: '扣分项（10分）', span: 3 }, '10', '被评价单位配合评价工作情况。', '0', '']),
      row([{ text: '部 门 整 体 自 评 得 分', span: 5 }, '97', '']),
    ],
  });
  return new Document({
    sections: [
      {
        headers: { default: pageHeader },
        footers: { default: pageFooter },
        children: [
          new Paragraph({
            heading: HeadingLevel.TITLE,
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: '测试乡人民政府部门整体绩效自评报告', size: 36, bold: true })],
          }),
          heading('一、部门基本情况'),
          heading('（一）机构职能和人员概况。'),
          body(
            '落实国家政策，严格依法行政，发挥经济管理职能，加强政策引导，制定发展规划，服务市场主体和营造发展环境，搞好市场监管，大力促进社会事业发展，提供公共服务，维护社会稳定。',
          ),
          body(long),
          body('2023年度部门收入总额801.86万元，资金使用Performance Evaluation System平台管理。'),
          heading('2.100万以上项目：无。'),
          body('根据县财政局的通知，认真组织开展了部门整体支出绩效评价工作，绩效评价得分：97分。'),
          new Paragraph({ children: [new TextRun({ text: '县级部门整体绩效自评打分表', size: 24 })] }),
          table,
          body('表后的说明段落。'),
          ...Array.from({ length: 3 }, (_, i) =>
            body(
              `第${i + 1}段：开展矛盾纠纷集中排查治理活动，对排查出的矛盾纠纷，根据其性质、规模和危害程度进行认真梳理，明确责任人，积极调处、妥善解决。`,
            ),
          ),
          // Long enough to run over the page break: one paragraph on two pages.
          body(
            Array.from(
              { length: 12 },
              (_, i) => `跨页段落第${i + 1}句，共调处各类矛盾纠纷${i + 20}起，调处率100%，成功率达96%。`,
            ).join(''),
          ),
          body('跨页段落之后的段落。'),
        ],
      },
    ],
  });
}

/** A table long enough to break across pages, header rows repeated, a vertical merge cut by the break. */
function tableAcrossPages(): Document {
  const item = (name: string, n: number): (CellSpec | string)[] => [
    name,
    '5',
    `第${n}项计分标准：按要求完成的得5分，未完成的按完成比例计分，直至扣完。`,
    '5',
    '',
  ];
  const rows: TableRow[] = [...headerRows];
  for (let group = 1; group <= 4; group++) {
    for (let k = 1; k <= 6; k++) {
      const n = (group - 1) * 6 + k;
      rows.push(
        row([
          group === 1 && k === 1 ? { text: '部门预算项目绩效管理（70分）', merge: 'start' } : { merge: 'continue' },
          k === 1 ? { text: `第${group}组指标（30分）`, merge: 'start' } : { merge: 'continue' },
          ...item(`三级指标${n}`, n),
        ]),
      );
    }
  }
  rows.push(row([{ text: '部 门 整 体 自 评 得 分', span: 5 }, '97', '']));
  return new Document({
    sections: [
      {
        footers: { default: pageFooter },
        children: [
          body('附件：打分表如下。', false),
          new Table({ width: { size: 9500, type: WidthType.DXA }, columnWidths, rows }),
          body('以上为打分表。', false),
        ],
      },
    ],
  });
}

async function writePdf(name: string, document: Document, workDirectory: string): Promise<void> {
  const docxPath = path.join(workDirectory, `${name}.docx`);
  writeFileSync(docxPath, await Packer.toBuffer(document));
  execFileSync(
    'soffice',
    [
      '--headless',
      `-env:UserInstallation=file://${path.join(workDirectory, 'profile')}`,
      '--convert-to',
      'pdf',
      '--outdir',
      workDirectory,
      docxPath,
    ],
    { stdio: 'ignore' },
  );
  copyFileSync(path.join(workDirectory, `${name}.pdf`), path.join(outputDirectory, `${name}.pdf`));
  copyFileSync(docxPath, path.join(outputDirectory, `${name}.docx`));
}

const workDirectory = mkdtempSync(path.join(tmpdir(), 'pdf-fixtures-'));
try {
  await writePdf('cells-and-paragraphs', cellsAndParagraphs(), workDirectory);
  await writePdf('table-across-pages', tableAcrossPages(), workDirectory);
} finally {
  rmSync(workDirectory, { recursive: true, force: true });
}
