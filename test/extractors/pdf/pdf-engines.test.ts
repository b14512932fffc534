/**
 * Both PDF engines (PDFium, pdf.js) over every committed PDF fixture: the same rejection code, or
 * the identical typed report and the same findings (evidence texts compared without whitespace:
 * pdf.js spaces out the characters of justified lines, PDFium does not).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultReadLimits, type ReadLimits } from '../../../extractors/model/limits.js';
import { isRejection } from '../../../extractors/model/rejection.js';
import { readDocument } from '../../../extractors/read-document.js';
import { parseReport } from '../../../extractors/report/parse-report.js';
import { readHostileManifest } from '../../../fixtures/hostile/manifest.js';
import { runRules } from '../../../rules/engine.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function pdfFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return pdfFiles(path);
    return name.toLowerCase().endsWith('.pdf') ? [path] : [];
  });
}

const files = [...pdfFiles(join(root, 'fixtures')), ...pdfFiles(join(root, 'test'))].sort();

/*
 * The hostile files are damaged on purpose, and the engines recover from damage differently (PDFium
 * trusts a page tree's /Count of 100,000 and refuses the file as too large; pdf.js counts one page
 * and reads it): there the PDFium result must be one the hostile manifest allows.
 */
const hostileFolder = join(root, 'fixtures/hostile/files');
const hostile = new Map(readHostileManifest(hostileFolder).map((entry) => [join(hostileFolder, entry.file), entry]));

const squash = (text: string): string => text.replace(/\s+/g, '');

async function outcome(bytes: Uint8Array, pdfEngine: 'pdfium' | 'pdfjs') {
  // Pages without text are drawn by PDFium and recognised by the same OCR whichever engine reads the
  // text (test/extractors/ocr/): the engines are compared before OCR, a scan is too-large for both.
  const limits: ReadLimits = { ...defaultReadLimits, pdfEngine, maxOcrPages: 0 };
  try {
    const model = await readDocument(bytes, limits);
    const submission = parseReport(model);
    const findings = runRules(submission).map((finding) => ({
      ruleId: finding.ruleId,
      severity: finding.severity,
      message: squash(finding.message),
      evidence: finding.evidence.map((e) => ({ ...e, label: squash(e.label), text: squash(e.text) })),
    }));
    return {
      rejected: null,
      pageCount: model.pageCount,
      report: submission.report,
      tables: model.blocks.filter((b) => b.kind === 'table').length,
      findings,
    };
  } catch (error) {
    if (!isRejection(error)) throw error;
    return { rejected: error.code };
  }
}

describe('PDFium and pdf.js give the same result on every PDF fixture', () => {
  it('finds the fixtures', () => {
    expect(files.length).toBeGreaterThan(30);
  });
  for (const file of files) {
    it(relative(root, file), { timeout: 60_000 }, async () => {
      const bytes = readFileSync(file);
      const pdfium = await outcome(bytes, 'pdfium');
      const entry = hostile.get(file);
      if (entry) {
        if (pdfium.rejected) expect(entry.expectedCodes).toContain(pdfium.rejected);
        else expect(entry.expectedStatus).not.toBe('rejected');
        return;
      }
      const pdfjs = await outcome(bytes, 'pdfjs');
      expect(pdfium).toEqual(pdfjs);
    });
  }
});
