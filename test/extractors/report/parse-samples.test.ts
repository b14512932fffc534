/**
 * The acceptance test: every committed sample and discrepancy variant, read from its real DOCX and
 * PDF bytes, parses to its expected report; a readable document that is not a report is rejected.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractionSchema } from '../../../extractors/model/report-schema.js';
import { readDocument } from '../../../extractors/read-document.js';
import { parseReport } from '../../../extractors/report/parse-report.js';

const fixtures = fileURLToPath(new URL('../../../fixtures/', import.meta.url));

interface Case {
  file: string;
  expected: string;
}

function cases(expectedDir: string, documentDir: string): Case[] {
  // A missing folder or document fails here rather than leaving fewer cases to run.
  return readdirSync(`${fixtures}${expectedDir}`)
    .filter((name) => name.endsWith('.report.json'))
    .flatMap((name) => {
      const documents = ['docx', 'pdf']
        .map((ext) => `${documentDir}/${name.replace(/\.report\.json$/, '')}.${ext}`)
        .filter((file) => existsSync(`${fixtures}${file}`));
      if (documents.length === 0) throw new Error(`${expectedDir}/${name}: no committed document in ${documentDir}/`);
      return documents.map((file) => ({ file, expected: `${expectedDir}/${name}` }));
    });
}

const samples = cases('expected', 'samples');
const discrepancies = cases('expected/discrepancies', 'discrepancies');

async function parseFile(file: string) {
  const model = await readDocument(new Uint8Array(readFileSync(`${fixtures}${file}`)));
  return parseReport(model);
}

describe('committed submissions parse to their expected reports', () => {
  it('has samples in both formats and discrepancy variants to check', () => {
    expect(discrepancies.length).toBeGreaterThanOrEqual(1);
    expect(samples.filter((c) => c.file.endsWith('.docx')).length).toBeGreaterThanOrEqual(1);
    expect(samples.filter((c) => c.file.endsWith('.pdf')).length).toBeGreaterThanOrEqual(1);
  });

  it.each([...samples, ...discrepancies])('$file gives $expected', async ({ file, expected }) => {
    const parsed = await parseFile(file);
    expect(parsed.report).toEqual(JSON.parse(readFileSync(`${fixtures}${expected}`, 'utf8')));
    expect(() => extractionSchema.parse(parsed.extraction)).not.toThrow();
  });

  it('gives the seed’s DOCX and PDF the same evidence for the group cell SPEC §3 quotes', async () => {
    for (const file of ['samples/pingdeng-2023.docx', 'samples/pingdeng-2023.pdf']) {
      const { extraction } = await parseFile(file);
      expect(extraction.evidence['scoring.groups.2.declaredMax']).toMatchObject({
        label: '动态调整',
        value: 15,
        text: '动态调整（15分）',
        location: { table: 0, row: 6, column: 1 },
      });
    }
  });

  it('rejects the meeting notice as not a report', async () => {
    await expect(parseFile('bad/not-a-report.docx')).rejects.toMatchObject({ code: 'not-a-report' });
  });
});
