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
