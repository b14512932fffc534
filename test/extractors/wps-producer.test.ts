/**
 * Documents as WPS Office writes them (fixtures/wps/, made by fixtures/make-wps.ts from committed
 * LibreOffice/Word-style files): a WPS 文字 DOCX, .doc and .wps, and WPS 表格 (ET) XLSX and .xls of the
 * seed, forms and an other-outline report each read to exactly their source's expected report.
 */
import { readFileSync } from 'node:fs';
import xlsx from '@e965/xlsx';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { reportSchema } from '../../extractors/model/report-schema.js';
import { readDocument } from '../../extractors/read-document.js';
import { parseReport } from '../../extractors/report/parse-report.js';

const fixtures = new URL('../../fixtures/', import.meta.url);
const read = (relative: string) => new Uint8Array(readFileSync(new URL(relative, fixtures)));

interface WpsFixture {
  file: string;
  producer: string;
  source: string;
  expected: string;
}
const manifest: WpsFixture[] = JSON.parse(readFileSync(new URL('wps/manifest.json', fixtures), 'utf8'));
const isZip = (file: string) => file.endsWith('.docx') || file.endsWith('.xlsx');

describe('documents written by WPS Office', () => {
  it('cover WPS 文字 (DOCX, .doc, .wps) and ET (XLSX, .xls), for the seed, forms of three kinds and a report', () => {
    expect(new Set(manifest.map((entry) => entry.file.replace(/^[^.]+/, '')))).toEqual(
      new Set(['.wps.docx', '.wps.doc', '.wps', '.et.xlsx', '.et.xls']),
    );
    const kinds = new Set(
      manifest.map((entry) => JSON.parse(readFileSync(new URL(entry.expected, fixtures), 'utf8')).kind),
    );
    expect(kinds).toEqual(new Set(['report', 'overall-form', 'project-form', 'basic-data']));
  });

  it.each(manifest.filter((entry) => isZip(entry.file)).map((entry) => [entry.file] as const))(
    '%s carries WPS’s package traits (Kingsoft properties; wpsCustomData, script-cut runs and auto cell widths in a DOCX)',
    (file) => {
      const parts = unzipSync(read(`wps/${file}`));
      expect(strFromU8(parts['docProps/custom.xml']!)).toMatch(
        /name="KSOProductBuildVer"><vt:lpwstr>2052-11\.1\.0\.\d+</,
      );
      if (file.endsWith('.docx')) {
        expect(strFromU8(parts['docProps/app.xml']!)).toContain('<Application>WPS Office_');
        const document = strFromU8(parts['word/document.xml']!);
        for (const trait of [
          '<wpsCustomData:docfieldStart',
          '<w:tblPrEx>',
          '<w:tcW w:w="0" w:type="auto"/>',
          'w:hint="eastAsia"',
        ]) {
          expect(document).toContain(trait);
        }
      } else {
        // ET types figures as numbers shown through its Chinese-locale formats.
        expect(strFromU8(parts['xl/styles.xml']!)).toContain('formatCode="0.00_ "');
      }
    },
  );

  it.each(manifest.filter((entry) => !isZip(entry.file)).map((entry) => [entry.file] as const))(
    '%s is a compound file with WPS’s streams',
    (file) => {
      const container = xlsx.CFB.read(Buffer.from(read(`wps/${file}`)), { type: 'buffer' });
      expect(container.FullPaths).toContain('Root Entry/WpsCustomData');
      const summary = xlsx.CFB.find(container, '\u0005DocumentSummaryInformation');
      expect(Buffer.from(summary!.content as Uint8Array).toString('latin1')).toContain('KSOProductBuildVer');
    },
  );

  it.each(manifest.map((entry) => [entry.file, entry] as const))(
    '%s gives exactly its source’s report',
    async (_file, entry) => {
      const model = await readDocument(read(`wps/${entry.file}`));
      expect(model.problems).toEqual([]);
      const parsed = parseReport(model);
      const expected = JSON.parse(readFileSync(new URL(entry.expected, fixtures), 'utf8'));
      expect(reportSchema.parse(parsed.report)).toEqual(expected);
    },
  );
});
