/**
 * Test helper: a report whose headings take their numbers from Word's automatic numbering (built with
 * the `docx` library's numbering config), as many units' templates do — 一、 (chineseCounting, %1、),
 * （一） (%2 in full-width brackets, restarting under each 一、), 1. (decimal, no gap), and a second list
 * instance that starts again. `numberedDocx()` gives the DOCX; pdf-fixtures/numbered-headings.pdf is its
 * LibreOffice export (make-variant-pdfs.ts writes it).
 */
import { Document, LevelFormat, LevelSuffix, Packer, Paragraph, TextRun } from 'docx';

const parts = 'parts';
const steps = 'steps';

/** The paragraphs as written (number-less) and as Word shows them. */
export const numberedParagraphs: readonly {
  readonly list?: [string, number, number?];
  readonly text: string;
  readonly shown: string;
}[] = [
  { text: '测试乡人民政府部门整体绩效自评报告', shown: '测试乡人民政府部门整体绩效自评报告' },
  { list: [parts, 0], text: '部门基本情况', shown: '一、 部门基本情况' },
  { list: [parts, 1], text: '机构组成。', shown: '（一） 机构组成。' },
  { list: [parts, 1], text: '机构职能和人员概况。', shown: '（二） 机构职能和人员概况。' },
  { list: [parts, 2], text: '强化理论学习。', shown: '1.强化理论学习。' },
  { list: [parts, 2], text: '深化主题教育。', shown: '2.深化主题教育。' },
  { list: [parts, 1], text: '部门整体支出绩效目标。', shown: '（三） 部门整体支出绩效目标。' },
  { list: [parts, 2], text: '加强廉政教育。', shown: '1.加强廉政教育。' },
  { list: [parts, 0], text: '部门财政资金收支情况', shown: '二、 部门财政资金收支情况' },
  { list: [parts, 1], text: '部门财政资金收入情况', shown: '（一） 部门财政资金收入情况' },
  { text: '2023年度部门收入总额801.86万元。', shown: '2023年度部门收入总额801.86万元。' },
  { list: [parts, 0], text: '部门整体绩效管理情况', shown: '三、 部门整体绩效管理情况' },
  { list: [steps, 0, 0], text: '编制预算。', shown: '1.编制预算。' },
  { list: [steps, 0, 0], text: '执行预算。', shown: '2.执行预算。' },
  { list: [parts, 0], text: '评价结论及建议', shown: '四、 评价结论及建议' },
  // A second instance of the same list definition, which Word numbers from its start again.
  { list: [steps, 0, 1], text: '完善制度。', shown: '1.完善制度。' },
  { list: [steps, 0, 1], text: '加强培训。', shown: '2.加强培训。' },
];

export function numberedDocument(): Document {
  return new Document({
    numbering: {
      config: [
        {
          reference: parts,
          levels: [
            { level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、', start: 1 },
            { level: 1, format: LevelFormat.CHINESE_COUNTING, text: '（%2）', start: 1 },
            { level: 2, format: LevelFormat.DECIMAL, text: '%3.', start: 1, suffix: LevelSuffix.NOTHING },
          ],
        },
        {
          reference: steps,
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', start: 1, suffix: LevelSuffix.NOTHING }],
        },
      ],
    },
    sections: [
      {
        children: numberedParagraphs.map(
          ({ list, text }) =>
            new Paragraph({
              numbering: list ? { reference: list[0], level: list[1], instance: list[2] } : undefined,
              // Body text indented as in the template, so the PDF's lines tell paragraphs apart.
              indent: list || text.endsWith('报告') ? undefined : { firstLine: 480 },
              children: [new TextRun(text)],
            }),
        ),
      },
    ],
  });
}

export async function numberedDocx(): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(numberedDocument()));
}
