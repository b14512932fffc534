/*
 * A scanned page of figures typed in full-width digits (金河乡: 低保２１２户、６０８人), end to end from
 * the scan's bytes to the typed report. The recogniser reads the em gap between two full-width digits
 * as a space now and then (「低保21 2户、 60 8」), and the report took 21 households and no persons;
 * the page text now joins them (spaced-digits.ts), says so in a note, and the report is the
 * born-digital one. The page is scanned at test time by the committed scan script with a fixed seed
 * (fixtures/build/scans, pageScanSpecs) and put back into the born-digital file in its place: one
 * page of OCR. Runs in the e2e project.
 */
import { readFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentModel } from '../../../extractors/model/document-model.js';
import type { ParsedSubmission } from '../../../extractors/model/report-schema.js';
import { readDocument } from '../../../extractors/read-document.js';
import { parseReport } from '../../../extractors/report/parse-report.js';
import { cachedScan } from '../../../fixtures/build/scans/make-scan.js';
import { pageScanSpecs } from '../../../fixtures/build/scans/scan-specs.js';
import { runRules } from '../../../rules/engine.js';
import { withUncertainFigures } from '../../../rules/support/uncertain-figures.js';

const spec = pageScanSpecs.find((candidate) => candidate.name === 'jinhe-2023.page-5')!;
const PAGE = spec.pages![0]!;
const source = new Uint8Array(readFileSync(new URL(`../../../${spec.source}`, import.meta.url)));
const bornDigital = parseReport(await readDocument(source));

/** The born-digital file with page `page` replaced by the one page of `scan`. */
async function withScanPage(pdfBytes: Uint8Array, page: number, scan: Uint8Array): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(pdfBytes);
  const [scanned] = await pdf.copyPages(await PDFDocument.load(scan), [0]);
  pdf.removePage(page - 1);
  pdf.insertPage(page - 1, scanned!);
  return pdf.save();
}

/* Recognition takes seconds a page on an idle machine, many times that under load: a cap, not a speed test. */
const OCR_HOOK_MS = 300_000;

describe('a page of full-width figures scanned back into its report', () => {
  let model: DocumentModel;
  let parsed: ParsedSubmission;

  beforeAll(async () => {
    const scan = new Uint8Array(readFileSync(await cachedScan(spec)));
    model = await readDocument(await withScanPage(source, PAGE, scan));
    parsed = parseReport(model);
  }, OCR_HOOK_MS);

  it('reads only the scanned page by OCR', () => {
    expect(model.ocr?.pages).toEqual([PAGE]);
  });

  it('joins the figures the recogniser read with spaces inside, in one note for the page', () => {
    const joined = model.problems
      .map((problem) => problem.message)
      .filter((message) => message.includes('数字中间的空格是识别时把字距当成了空格'));
    // The recogniser splits some figures of this page (which, the scan decides): the test is void without one.
    expect(joined).toHaveLength(1);
    const figure = '「[0-9.．]+( [0-9.．]+)+」按「[0-9.．]+」';
    expect(joined[0]).toMatch(new RegExp(`^第${PAGE}页识别出的\\d+处数字中间有空格：${figure}(、${figure})*读取`));
  });

  it('gives the welfare figures of the born-digital file exactly', () => {
    const { welfare } = parsed.report.facts;
    expect(welfare.dibaoHouseholds).toBe(212);
    expect(welfare.dibaoPersons).toBe(608);
    expect(welfare.dibaoFunds).toBe(1657206);
    expect(welfare).toEqual(bornDigital.report.facts.welfare);
  });

  it('reads the whole report as the born-digital file does', () => {
    expect(parsed.report).toEqual(bornDigital.report);
  });

  it('gives each welfare figure its confidence, read from the scanned page', () => {
    for (const path of ['facts.welfare.dibaoHouseholds', 'facts.welfare.dibaoPersons', 'facts.welfare.dibaoFunds']) {
      const evidence = parsed.extraction.evidence[path];
      expect(evidence?.location).toMatchObject({ page: PAGE });
      expect(evidence?.confidence).toBeGreaterThan(0);
      expect(evidence?.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('gives the figures of its sentences their confidence, and a text finding on them is marked by it', () => {
    const onPage = parsed.extraction.sentences
      .flatMap((sentence) => sentence.figures)
      .filter((f) => f.location?.page === PAGE);
    expect(onPage.length).toBeGreaterThan(10);
    for (const figure of onPage) expect(figure.confidence).toBeGreaterThan(0);
    // The born-digital pages' figures keep none.
    expect(
      parsed.extraction.sentences
        .flatMap((s) => s.figures)
        .filter((f) => f.location?.page === 1)
        .every((f) => f.confidence === undefined),
    ).toBe(true);
    // 「2024年医疗保险参保率83.79%」 stands on the scanned page: the finding's evidence carries its confidence.
    const { findings } = withUncertainFigures(parsed.extraction, runRules(parsed));
    const dated = findings.find((finding) => finding.ruleId === 'text.year-mismatch');
    expect(dated?.evidence[0]?.confidence).toBeGreaterThan(0);
    expect(dated?.uncertain === true).toBe(dated!.evidence.some((evidence) => (evidence.confidence ?? 1) < 0.85));
  });
});
