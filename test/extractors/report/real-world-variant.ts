/**
 * Test helper: one seed variant carrying several real-world layouts at once — a title 「X关于…的报告」,
 * 三 headed 「部门整体支出绩效情况」, the project list one numbered line per project, the finance figures
 * in a small 收支 table with its unit in a caption line, 「剩余2处正在整改」, and a 合计 row in the
 * scoring table — for checking that its DOCX and its LibreOffice PDF
 * (pdf-fixtures/real-world-variant.pdf, written by make-real-world-pdf.ts) extract alike.
 */
import {
  editSeed,
  paragraphXml,
  replaceParagraph,
  replaceText,
  scoringTableParts,
  tableXml,
} from '../support/seed-docx-edit.js';

const PROJECT_LIST =
  '我乡2023年完成项目如下：基层组织和农村公共服务运行维护费68万元、乡镇农村人居环境整治考核奖补资金42万元、垃圾车运营维护费4万元、公务用车购置24.98万元、观慈村人居环境改造项目、停车场改扩建项目前期经费项目7.48万元、乡镇安全管理相关经费4.16万元，已按实际拨付完毕。';

const cell = (text: string, span = 1) =>
  `<w:tc>${span > 1 ? `<w:tcPr><w:gridSpan w:val="${span}"/></w:tcPr>` : ''}${paragraphXml(text)}</w:tc>`;

export function realWorldEdit(xml: string): string {
  let edited = replaceText(
    xml,
    '平等乡人民政府部门整体绩效自评报告',
    '平等乡人民政府关于2023年度部门整体支出绩效自评情况的报告',
  );
  edited = replaceText(edited, '三、部门整体绩效管理情况', '三、部门整体支出绩效情况');
  edited = replaceText(edited, '2处正在整改中', '剩余2处正在整改');
  edited = replaceParagraph(
    edited,
    PROJECT_LIST,
    [
      '我乡2023年完成项目如下：',
      '1.基层组织和农村公共服务运行维护费68万元；',
      '2.乡镇农村人居环境整治考核奖补资金42万元；',
      '3.垃圾车运营维护费4万元；',
      '4.公务用车购置24.98万元；',
      '5.观慈村人居环境改造项目、停车场改扩建项目前期经费项目7.48万元；',
      '6.乡镇安全管理相关经费4.16万元。',
    ]
      .map(paragraphXml)
      .join(''),
  );
  edited = replaceParagraph(
    edited,
    '2023年度部门收入总额801.86万元。',
    paragraphXml('单位：万元') +
      tableXml([
        ['项目', '金额'],
        ['收入总额', '801.86'],
        ['支出总额', '801.86'],
        ['结转结余', '0'],
      ]),
  );
  edited = replaceParagraph(edited, '2023年度部门支出总额801.86万元。', '');
  edited = replaceParagraph(edited, '本年无结转结余。', '');
  const table = scoringTableParts(edited);
  const sumRow = `<w:tr>${cell('合计', 3)}${['100', '', '', '', '', '', '', '97', ''].map((text) => cell(text)).join('')}</w:tr>`;
  const rows = [...table.rows.slice(0, -1), sumRow, table.rows.at(-1)!];
  return `${table.before}${table.head}${rows.join('')}</w:tbl>${table.after}`;
}

export const realWorldVariantDocx = () => editSeed(realWorldEdit);
