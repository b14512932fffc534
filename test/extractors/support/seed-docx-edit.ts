/**
 * Test helper: the committed seed DOCX (fixtures/samples/pingdeng-2023.docx) edited the way the audit
 * made its variations — text replaced in word/document.xml, paragraphs and tables inserted, the
 * scoring table split — then read and parsed for real (readDocument → parseReport → runRules).
 * Every edit must find what it replaces, so a helper that no longer matches the seed fails loudly.
 */
import { readFileSync } from 'node:fs';
import { extractionSchema, type ParsedSubmission, reportSchema } from '../../../extractors/model/report-schema.js';
import { readDocument } from '../../../extractors/read-document.js';
import { parseReport } from '../../../extractors/report/parse-report.js';
import { runRules } from '../../../rules/engine.js';
import type { Finding } from '../../../rules/finding-schema.js';
import { replaceParts, unzip } from '../docx/docx-test-zip.js';

// From dist/test/… too (the PDF fixture scripts run compiled): the fixtures are in the source tree.
const seedPath = new URL(
  `${import.meta.url.includes('/dist/test/') ? '../../../../' : '../../../'}fixtures/samples/pingdeng-2023.docx`,
  import.meta.url,
);
export const seedDocx = () => readFileSync(seedPath);

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A body paragraph as the seed writes them (one run). */
export const paragraphXml = (text: string) =>
  `<w:p><w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`;

const BORDERS = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV']
  .map((side) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>`)
  .join('');

/** A table ruled like Word's 「网格型」 table; each cell holds its text as one paragraph. */
export function tableXml(rows: readonly (readonly string[])[]): string {
  const width = Math.max(...rows.map((row) => row.length));
  const grid = `<w:tblGrid>${'<w:gridCol w:w="2000"/>'.repeat(width)}</w:tblGrid>`;
  const body = rows
    .map((row) => `<w:tr>${row.map((text) => `<w:tc>${paragraphXml(text)}</w:tc>`).join('')}</w:tr>`)
    .join('');
  return `<w:tbl><w:tblPr><w:tblW w:type="auto" w:w="0"/><w:tblBorders>${BORDERS}</w:tblBorders></w:tblPr>${grid}${body}</w:tbl>`;
}

/** Replaces `from` with `to`, which must occur exactly `count` times. */
export function replaceText(xml: string, from: string, to: string, count = 1): string {
  const found = xml.split(from).length - 1;
  if (found !== count) throw new Error(`seed edit: 「${from}」 occurs ${found} times, expected ${count}`);
  return xml.split(from).join(to);
}

/** The whole paragraph (<w:p>…</w:p>) whose text contains `text`. */
export function paragraphContaining(xml: string, text: string): string {
  const at = xml.indexOf(text);
  if (at < 0 || xml.indexOf(text, at + 1) >= 0) throw new Error(`seed edit: 「${text}」 not found once`);
  const start = xml.lastIndexOf('<w:p>', at);
  const end = xml.indexOf('</w:p>', at) + '</w:p>'.length;
  return xml.slice(start, end);
}

/** Replaces the paragraph containing `text` with the given XML (paragraphs, tables or nothing). */
export const replaceParagraph = (xml: string, text: string, replacement: string) =>
  replaceText(xml, paragraphContaining(xml, text), replacement);

/** Inserts XML right after the paragraph containing `text`. */
export const insertAfterParagraph = (xml: string, text: string, inserted: string) => {
  const paragraph = paragraphContaining(xml, text);
  return replaceText(xml, paragraph, paragraph + inserted);
};

/** The seed's scoring table as XML: its properties and grid, its rows (header rows first), and what surrounds it. */
export function scoringTableParts(xml: string) {
  const start = xml.indexOf('<w:tbl>');
  const end = xml.indexOf('</w:tbl>') + '</w:tbl>'.length;
  const table = xml.slice(start, end);
  const firstRow = table.indexOf('<w:tr>');
  const head = table.slice(0, firstRow);
  const rows = table
    .slice(firstRow, -'</w:tbl>'.length)
    .split('</w:tr>')
    .filter((row) => row !== '')
    .map((row) => `${row}</w:tr>`);
  return { before: xml.slice(0, start), head, rows, after: xml.slice(end) };
}

/** A copy of the seed DOCX with its document.xml edited. */
export async function editSeed(edit: (xml: string) => string): Promise<Uint8Array> {
  const bytes = seedDocx();
  const xml = (await unzip(bytes)).get('word/document.xml')!.toString('utf8');
  return new Uint8Array(await replaceParts(bytes, { 'word/document.xml': edit(xml) }));
}

export interface Checked extends ParsedSubmission {
  readonly findings: Finding[];
}

/** Reads and parses a document as `check` does, validates the JSON shapes, and runs the rule catalogue. */
export async function check(bytes: Uint8Array): Promise<Checked> {
  const parsed = parseReport(await readDocument(bytes));
  reportSchema.parse(parsed.report);
  extractionSchema.parse(parsed.extraction);
  return { ...parsed, findings: runRules(parsed) };
}

/** The findings of a result as 'ruleId: message' lines, for readable assertions. */
export const findingLines = (findings: readonly Finding[]) => findings.map((f) => `${f.ruleId}: ${f.message}`);

/** The seed's expected findings (SPEC §4): scoring.group-points twice, structure.numbering, text.year-mismatch. */
export const seedFindingIds = [
  'scoring.group-points',
  'scoring.group-points',
  'structure.numbering',
  'text.year-mismatch',
].sort();
