/**
 * Every producer's copy of a sample (fixtures/producers/, made by fixtures/make-producers.ts) reads
 * and parses to exactly the sample's expected report: a browser-printed PDF, cairo's redraw on other
 * paper sizes, a Word-style DOCX, and a scoring table whose narrow group columns wrap their labels.
 */
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { reportSchema } from '../../extractors/model/report-schema.js';
import { pdfjs } from '../../extractors/pdf/load.js';
import { readDocument } from '../../extractors/read-document.js';
import { parseReport } from '../../extractors/report/parse-report.js';

const fixtures = new URL('../../fixtures/', import.meta.url);
const read = (relative: string) => new Uint8Array(readFileSync(new URL(relative, fixtures)));

interface ProducerFixture {
  file: string;
  producer: string;
  source: string;
  expected: string;
}
const manifest: ProducerFixture[] = JSON.parse(readFileSync(new URL('producers/manifest.json', fixtures), 'utf8'));

describe('producer copies of the samples', () => {
  it('cover at least four producers besides LibreOffice, for the seed and another sample', () => {
    const producers = new Set(manifest.map((entry) => entry.producer.replace(/ \(.*|, .*/, '')));
    expect(producers).toEqual(
      new Set(['Chromium print to PDF', 'cairo', 'Word-style DOCX', 'DOCX', 'LibreOffice PDF']),
    );
    expect(new Set(manifest.map((entry) => entry.expected))).toEqual(
      new Set(['expected/pingdeng-2023.report.json', 'expected/xinlin-2024.report.json']),
    );
  });

  it.each(manifest.map((entry) => [entry.file, entry] as const))(
    '%s gives exactly the expected report',
    async (_file, entry) => {
      const parsed = parseReport(await readDocument(read(`producers/${entry.file}`)));
      const expected = JSON.parse(readFileSync(new URL(entry.expected, fixtures), 'utf8'));
      expect(reportSchema.parse(parsed.report)).toEqual(expected);
    },
  );
});

/** The raw text pdf.js hands over for a PDF, before review-desk touches it. */
async function pdfjsText(bytes: Uint8Array): Promise<string> {
  const document = await pdfjs.getDocument({ data: bytes, verbosity: 0 }).promise;
  try {
    let text = '';
    for (let n = 1; n <= document.numPages; n++) {
      const page = await document.getPage(n);
      const content = await page.getTextContent();
      for (const item of content.items) if ('str' in item) text += item.str;
    }
    return text;
  } finally {
    await document.destroy();
  }
}

describe('what makes the producer copies hard', () => {
  it.each(['pingdeng-2023', 'xinlin-2024'])(
    '%s: group cells whose labels the page break cut stay one cell spanning their rows, as in the DOCX',
    async (name) => {
      const pdf = await readDocument(read(`producers/${name}.group-across-pages.pdf`));
      const docx = await readDocument(read(`producers/${name}.group-across-pages.docx`));
      const [pdfTable] = pdf.blocks.filter((block) => block.kind === 'table');
      const [docxTable] = docx.blocks.filter((block) => block.kind === 'table');
      expect(pdfTable!.rows).toEqual(docxTable!.rows);
      // The first group starts on the last row of the table's first page and goes on over the next one.
      const group = pdfTable!.rows.findIndex((row) => row[0]!.text === '部门预算项目绩效管理（70分）');
      expect(pdfTable!.rowPages![group]).toBe(pdfTable!.page);
      expect(pdfTable!.rowPages![group + 1]).toBe(pdfTable!.page! + 1);
      expect(pdfTable!.rows[group + 1]![0]).toMatchObject({ merged: true, origin: { row: group, column: 0 } });
    },
  );

  it('the Chromium PDF draws its text one glyph at a time', async () => {
    const document = await pdfjs.getDocument({ data: read('producers/pingdeng-2023.chromium.pdf'), verbosity: 0 })
      .promise;
    try {
      const content = await (await document.getPage(1)).getTextContent();
      const glyphs = content.items.filter((item) => 'str' in item && item.str.trim() !== '');
      const single = glyphs.filter((item) => 'str' in item && [...item.str.trim()].length === 1);
      expect(single.length / glyphs.length).toBeGreaterThan(0.9);
    } finally {
      await document.destroy();
    }
  });

  it('the Chromium PDF carries Kangxi radicals and radicals-supplement code points where the text has 工, 支, 门, 民, 户', async () => {
    const text = await pdfjsText(read('producers/pingdeng-2023.chromium.pdf'));
    for (const radical of ['\u2F2F', '\u2F40', '\u2ED4', '\u2EA0', '\u2F3E']) expect(text).toContain(radical);
    expect(text).not.toContain('部门整体绩效自评');
  });

  it('the Word-style DOCX splits figures over runs and holds tracked formatting and the _GoBack bookmark', () => {
    const xml = strFromU8(unzipSync(read('producers/pingdeng-2023.word-style.docx'))['word/document.xml']!);
    expect(xml).toContain('w:name="_GoBack"');
    expect(xml).toContain('<w:rPrChange ');
    expect(xml).toContain('收入总额</w:t></w:r>');
    expect(xml).toContain('>80</w:t></w:r>');
    expect(xml).not.toContain('801.86');
  });
});
