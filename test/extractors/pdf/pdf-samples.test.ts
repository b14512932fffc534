/** Every committed sample PDF reads to the same tables and paragraphs as the DOCX it was exported from. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDocx } from '../../../extractors/docx/reader.js';
import type { DocumentModel, ParagraphBlock, TableBlock } from '../../../extractors/model/document-model.js';
import { defaultReadLimits } from '../../../extractors/model/limits.js';
import { readPdf } from '../../../extractors/pdf/reader.js';

const folder = (name: string) => new URL(`../../../fixtures/${name}/`, import.meta.url);
const bytes = (url: URL) => new Uint8Array(readFileSync(url));

/** PDF/DOCX pairs in a fixtures folder. */
function pairs(name: string): string[] {
  const files = readdirSync(folder(name));
  return files
    .filter((f) => f.endsWith('.pdf') && files.includes(f.replace(/\.pdf$/, '.docx')))
    .map((f) => f.replace(/\.pdf$/, ''));
}

const tables = (model: DocumentModel) => model.blocks.filter((b): b is TableBlock => b.kind === 'table');
const paragraphTexts = (model: DocumentModel) =>
  model.blocks.filter((b): b is ParagraphBlock => b.kind === 'paragraph').map((b) => b.text);

async function readBoth(base: URL): Promise<{ pdf: DocumentModel; docx: DocumentModel }> {
  const pdf = await readPdf(bytes(new URL(`${base.href}.pdf`)), defaultReadLimits);
  const docx = await readDocx(bytes(new URL(`${base.href}.docx`)), defaultReadLimits);
  return { pdf, docx };
}

describe('sample PDFs against their DOCX', () => {
  const samples = pairs('samples');

  it('finds the sample pairs', () => {
    expect(samples.length).toBeGreaterThanOrEqual(6);
  });

  it.each(samples)('%s: same table grids and paragraph texts as the DOCX', async (name) => {
    const { pdf, docx } = await readBoth(new URL(name, folder('samples')));
    expect(tables(pdf).map((t) => t.rows)).toEqual(tables(docx).map((t) => t.rows));
    expect(paragraphTexts(pdf)).toEqual(paragraphTexts(docx));
    expect(pdf.problems).toEqual([]);
  });
});

describe('the scoring table broken across three pages with its header repeated (nongye-2023)', () => {
  it('is one table, header rows not duplicated, rows equal to its DOCX, rows on pages 9 to 11', async () => {
    const { pdf, docx } = await readBoth(new URL('nongye-2023', folder('samples')));
    const [table, ...others] = tables(pdf);
    expect(others).toEqual([]);
    expect(table!.rows).toEqual(tables(docx)[0]!.rows);
    expect(table!.rows.filter((row) => row[0]!.text === '绩效指标')).toHaveLength(1);
    expect(new Set(table!.rowPages)).toEqual(new Set([9, 10, 11]));
    expect(table!.rowPages).toHaveLength(table!.rows.length);
  });
});

describe('discrepancy PDFs against their DOCX', () => {
  // A missing folder fails here (readdirSync) rather than leaving no cases to run.
  const discrepancies = pairs('discrepancies');

  it('finds the discrepancy pairs', () => {
    expect(discrepancies.length).toBeGreaterThan(0);
  });

  it.each(discrepancies)('%s: same table grids and paragraph texts as the DOCX', async (name) => {
    const { pdf, docx } = await readBoth(new URL(name, folder('discrepancies')));
    expect(tables(pdf).map((t) => t.rows)).toEqual(tables(docx).map((t) => t.rows));
    expect(paragraphTexts(pdf)).toEqual(paragraphTexts(docx));
  });
});
