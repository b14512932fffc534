/** Word's automatic list numbering in the DOCX reader: markers rendered as Word shows them, so DOCX and PDF read alike. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatListNumber } from '../../../extractors/docx/number-formats.js';
import { writeListNumbers } from '../../../extractors/docx/numbering.js';
import { readDocx } from '../../../extractors/docx/reader.js';
import type { Block, ParagraphBlock } from '../../../extractors/model/document-model.js';
import { readDocument } from '../../../extractors/read-document.js';
import { parseReport } from '../../../extractors/report/parse-report.js';
import { runRules } from '../../../rules/engine.js';
import { check, findingLines, replaceText, seedDocx } from '../support/seed-docx-edit.js';
import { replaceParts, unzip } from './docx-test-zip.js';
import { numberedDocx, numberedParagraphs } from './numbered-docx.js';

const texts = (blocks: Block[]) =>
  blocks.filter((block): block is ParagraphBlock => block.kind === 'paragraph').map((block) => block.text);

const numberedPdf = () =>
  new Uint8Array(readFileSync(new URL('../pdf/pdf-fixtures/numbered-headings.pdf', import.meta.url)));

describe('a report numbered by Word (docx numbering config)', () => {
  it('reads each paragraph with the marker Word shows: 一、 then （一）, 1. restarting under each level above', async () => {
    const model = await readDocx(await numberedDocx());
    expect(texts(model.blocks)).toEqual(numberedParagraphs.map((paragraph) => paragraph.shown));
  });

  it('reads the same markers when its parts start with a UTF-8 byte order mark, as some writers save them', async () => {
    const bytes = await numberedDocx();
    const parts = await unzip(bytes);
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const withMarks = Object.fromEntries(
      ['word/document.xml', 'word/numbering.xml', 'word/styles.xml', 'word/_rels/document.xml.rels'].map((name) => [
        name,
        Buffer.concat([bom, parts.get(name)!]),
      ]),
    );
    const model = await readDocx(await replaceParts(bytes, withMarks));
    expect(texts(model.blocks)).toEqual(numberedParagraphs.map((paragraph) => paragraph.shown));
  });

  it('reads the same paragraphs from its LibreOffice PDF', async () => {
    const [docx, pdf] = await Promise.all([readDocument(await numberedDocx()), readDocument(numberedPdf())]);
    expect(pdf.format).toBe('pdf');
    expect(texts(pdf.blocks)).toEqual(texts(docx.blocks));
  });

  it('finds the same headings and numbering findings in both formats', async () => {
    const [docx, pdf] = await Promise.all([readDocument(await numberedDocx()), readDocument(numberedPdf())]);
    const headings = (model: typeof docx) => {
      const parsed = parseReport(model);
      return {
        headings: parsed.extraction.headings.map(({ marker, level, number }) => `${level}:${number}:${marker}`),
        numbering: runRules(parsed).filter((finding) => finding.ruleId === 'structure.numbering'),
      };
    };
    const fromDocx = headings(docx);
    expect(fromDocx.headings.slice(0, 4)).toEqual(['1:1:一、', '2:1:（一）', '2:2:（二）', '3:1:1.']);
    expect(fromDocx.numbering).toEqual([]);
    expect(headings(pdf).headings).toEqual(fromDocx.headings);
  });
});

describe('the seed with its 一、二、三、四 numbered by the Heading 1 style', async () => {
  const seed = seedDocx();
  const parts = await unzip(seed);
  const styles = replaceText(
    parts.get('word/styles.xml')!.toString('utf8'),
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="Heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr>',
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="Heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:numPr><w:numId w:val="9"/></w:numPr>',
  );
  const numbering = replaceText(
    parts.get('word/numbering.xml')!.toString('utf8'),
    '</w:numbering>',
    '<w:abstractNum w:abstractNumId="9"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>' +
      '<w:pStyle w:val="Heading1"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>' +
      '<w:num w:numId="9"><w:abstractNumId w:val="9"/></w:num></w:numbering>',
  );
  let document = parts.get('word/document.xml')!.toString('utf8');
  for (const number of ['一', '二', '三', '四']) {
    document = replaceText(document, `xml:space="preserve">${number}、`, 'xml:space="preserve">');
  }
  const numbered = new Uint8Array(
    await replaceParts(seed, {
      'word/styles.xml': styles,
      'word/numbering.xml': numbering,
      'word/document.xml': document,
    }),
  );

  it('shows the numbers Word draws from the style', async () => {
    const paragraphs = texts((await readDocx(numbered)).blocks);
    expect(paragraphs.filter((text) => /^[一二三四]、/.test(text))).toEqual([
      '一、 部门基本情况',
      '二、 部门财政资金收支情况',
      '三、 部门整体绩效管理情况',
      '四、 评价结论及建议',
    ]);
  });

  it('extracts the seed’s report and finds the seed’s findings', async () => {
    const [original, restyled] = await Promise.all([check(new Uint8Array(seed)), check(numbered)]);
    expect(restyled.report).toEqual(original.report);
    expect(findingLines(restyled.findings)).toEqual(findingLines(original.findings));
  });
});

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const paragraph = (text: string, properties = '') =>
  `<w:p>${properties ? `<w:pPr>${properties}</w:pPr>` : ''}<w:r><w:t>${text}</w:t></w:r></w:p>`;
const numPr = (numId: number, ilvl?: number) =>
  `<w:numPr>${ilvl === undefined ? '' : `<w:ilvl w:val="${ilvl}"/>`}<w:numId w:val="${numId}"/></w:numPr>`;
const documentOf = (...paragraphs: string[]) => `<w:document ${W}><w:body>${paragraphs.join('')}</w:body></w:document>`;
const level = (ilvl: number, format: string, text: string, extra = '') =>
  `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${text}"/>${extra}</w:lvl>`;
const numberingOf = (abstract: string, nums: string) =>
  `<w:numbering ${W}><w:abstractNum w:abstractNumId="1">${abstract}</w:abstractNum>${nums}</w:numbering>`;
/** The text of each paragraph once numbered (runs joined). */
function numbered(document: string, numbering: string, styles?: string): string[] {
  return [...writeListNumbers(document, { numbering, styles }).matchAll(/<w:p>([\s\S]*?)<\/w:p>/g)].map((match) =>
    [...match[1]!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((text) => text[1]).join(''),
  );
}

describe('numbering as Word counts it', () => {
  const twoLevels = level(0, 'chineseCounting', '%1、') + level(1, 'decimal', '%1.%2', '<w:suff w:val="nothing"/>');

  // %1 in a level-2 text shows level 1's counter in level 1's own format (一.1), unless the level is legal (isLgl).
  it('restarts a level under each new item of the level above, and keeps counting across other paragraphs', () => {
    const document = documentOf(
      paragraph('甲', numPr(1, 0)),
      paragraph('乙', numPr(1, 1)),
      paragraph('正文'),
      paragraph('丙', numPr(1, 1)),
      paragraph('丁', numPr(1, 0)),
      paragraph('戊', numPr(1, 1)),
    );
    expect(
      numbered(document, numberingOf(twoLevels, '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>')),
    ).toEqual(['一、 甲', '一.1乙', '正文', '一.2丙', '二、 丁', '二.1戊']);
  });

  it('never restarts a level whose lvlRestart is 0', () => {
    const abstract = level(0, 'chineseCounting', '%1、') + level(1, 'decimal', '%2.', '<w:lvlRestart w:val="0"/>');
    const document = documentOf(
      paragraph('甲', numPr(1, 0)),
      paragraph('乙', numPr(1, 1)),
      paragraph('丙', numPr(1, 0)),
      paragraph('丁', numPr(1, 1)),
    );
    expect(
      numbered(document, numberingOf(abstract, '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>')),
    ).toEqual(['一、 甲', '1. 乙', '二、 丙', '2. 丁']);
  });

  it('continues a list across w:num of one definition, but starts again where a num overrides the start', () => {
    const nums =
      '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>' +
      '<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>';
    const document = documentOf(
      paragraph('甲', numPr(1, 0)),
      paragraph('乙', numPr(2, 0)),
      paragraph('丙', numPr(3, 0)),
      paragraph('丁', numPr(3, 0)),
    );
    expect(numbered(document, numberingOf(twoLevels, nums))).toEqual(['一、 甲', '二、 乙', '五、 丙', '六、 丁']);
  });

  it('counts on across the nums of one definition after one of them restarted it', () => {
    const nums =
      '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>' +
      '<w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>';
    const document = documentOf(
      paragraph('甲', numPr(1, 0)),
      paragraph('乙', numPr(1, 0)),
      paragraph('丙', numPr(2, 0)),
      paragraph('丁', numPr(1, 0)),
      paragraph('戊', numPr(2, 0)),
    );
    expect(numbered(document, numberingOf(twoLevels, nums))).toEqual([
      '一、 甲',
      '二、 乙',
      '一、 丙',
      '二、 丁',
      '三、 戊',
    ]);
  });

  it('takes the numbering of a paragraph style and the styles it is based on; numId 0 takes it away', () => {
    const styles =
      `<w:styles ${W}><w:style w:type="paragraph" w:styleId="Base"><w:pPr>${numPr(1, 1)}</w:pPr></w:style>` +
      '<w:style w:type="paragraph" w:styleId="Derived"><w:basedOn w:val="Base"/></w:style></w:styles>';
    const document = documentOf(
      paragraph('甲', numPr(1, 0)),
      paragraph('乙', '<w:pStyle w:val="Derived"/>'),
      paragraph('丙', `<w:pStyle w:val="Derived"/>${numPr(0)}`),
      paragraph('丁', '<w:pStyle w:val="Base"/>'),
    );
    const numbering = numberingOf(twoLevels, '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>');
    expect(numbered(document, numbering, styles)).toEqual(['一、 甲', '一.1乙', '丙', '一.2丁']);
  });

  it('writes legal numbering (isLgl) in decimal and shows no marker for bullets', () => {
    const abstract =
      level(0, 'chineseCounting', '%1、') + level(1, 'decimal', '%1.%2', '<w:isLgl/>') + level(2, 'bullet', '●');
    const document = documentOf(
      paragraph('甲', numPr(1, 0)),
      paragraph('乙', numPr(1, 1)),
      paragraph('丙', numPr(1, 2)),
    );
    expect(
      numbered(document, numberingOf(abstract, '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>')),
    ).toEqual(['一、 甲', '1.1 乙', '丙']);
  });

  it('puts each marker run where Word shows it, in the text as written, whatever the layout of the XML', () => {
    const numbering = numberingOf(twoLevels, '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>');
    const document = [
      `<w:document ${W} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>`,
      // properties written self-closed, and properties after a run: the marker follows them
      `<w:p w:rsidR="1"><w:pPr>${numPr(1, 0)}<w:rPr><w:b/></w:rPr></w:pPr><w:r><w:t>甲 &amp; 乙</w:t></w:r></w:p>`,
      `<w:p><w:r><w:t>丙</w:t></w:r><w:pPr>${numPr(1, 1)}</w:pPr></w:p>`,
      // a tracked change's old properties are not the paragraph's own
      `<w:p><w:pPr><w:pPrChange w:id="1"><w:pPr>${numPr(1, 0)}</w:pPr></w:pPrChange></w:pPr><w:r><w:t>丁</w:t></w:r></w:p>`,
      // a text box in alternate content: mammoth reads the fallback, so only it counts
      '<w:p><w:r><mc:AlternateContent>',
      `<mc:Choice Requires="wps">${paragraph('戊', numPr(1, 1))}</mc:Choice>`,
      `<mc:Fallback>${paragraph('戊', numPr(1, 1))}</mc:Fallback>`,
      '</mc:AlternateContent></w:r></w:p>',
      // the namespace as the default one: elements without a prefix (attributes keep theirs)
      `<p xmlns="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><pPr>${numPr(1, 0).replace(/<(\/?)w:/g, '<$1')}</pPr><r><t>己</t></r></p>`,
      '</w:body></w:document>',
    ].join('');
    expect(writeListNumbers(document, { numbering, styles: undefined })).toBe(
      document
        .replace('</w:pPr><w:r><w:t>甲', '</w:pPr><w:r><w:t xml:space="preserve">一、 </w:t></w:r><w:r><w:t>甲')
        .replace('</w:pPr></w:p>', '</w:pPr><w:r><w:t xml:space="preserve">一.1</w:t></w:r></w:p>')
        .replace(
          '<mc:Fallback><w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr>',
          '<mc:Fallback><w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t xml:space="preserve">一.2</w:t></w:r>',
        )
        .replace('</pPr><r><t>己', '</pPr><r><t xml:space="preserve">二、 </t></r><r><t>己'),
    );
  });

  it('leaves the document as it is when it numbers nothing or the numbering part is not XML', () => {
    const document = documentOf(paragraph('甲', numPr(1, 0)));
    expect(writeListNumbers(document, { numbering: '<w:numbering', styles: undefined })).toBe(document);
    expect(
      writeListNumbers(documentOf(paragraph('甲')), { numbering: numberingOf(twoLevels, ''), styles: undefined }),
    ).toBe(documentOf(paragraph('甲')));
    expect(writeListNumbers(document, { numbering: undefined, styles: undefined })).toBe(document);
  });
});

describe('number formats as Word writes them', () => {
  it.each([
    [
      'chineseCounting',
      [1, 9, 10, 11, 20, 21, 99, 101],
      ['一', '九', '十', '十一', '二十', '二十一', '九十九', '一〇一'],
    ],
    [
      'chineseCountingThousand',
      [10, 15, 100, 101, 110, 1020],
      ['十', '十五', '一百', '一百〇一', '一百一十', '一千〇二十'],
    ],
    ['chineseLegalSimplified', [1, 10, 11, 25], ['壹', '壹拾', '壹拾壹', '贰拾伍']],
    ['ideographTraditional', [1, 2, 10, 11], ['甲', '乙', '癸', '11']],
    ['ideographZodiac', [1, 12], ['子', '亥']],
    ['decimalEnclosedCircleChinese', [1, 20, 21], ['①', '⑳', '21']],
    ['decimalEnclosedParen', [1], ['⑴']],
    ['decimalFullWidth', [12], ['１２']],
    ['decimalZero', [5, 12], ['05', '12']],
    ['upperLetter', [1, 26, 27], ['A', 'Z', 'AA']],
    ['lowerRoman', [4, 9, 14], ['iv', 'ix', 'xiv']],
    ['decimal', [3], ['3']],
  ])('writes %s', (format, numbers, expected) => {
    expect(numbers.map((n) => formatListNumber(n, format))).toEqual(expected);
  });

  it('shows nothing for bullets', () => {
    expect(formatListNumber(1, 'bullet')).toBeNull();
  });
});
