/**
 * The OCR accuracy audit (issue #14): each of the six samples' bench scans (benchScanSpecs(6),
 * fixtures/build/scans, fixed seeds, cached by content hash) is read and checked as
 * `review-desk check` does (readDocument → parseReport → rules, findings marked 识别存疑 at the
 * default threshold), and so is its born-digital source; the two reports and findings are diffed.
 * Every figure that differs is listed with whether the scan flags it: its evidence's confidence
 * below `ocr.minConfidence` (识别存疑, listed under 提取提示 as 请对照原件核对). A figure that
 * differs and is not flagged is the worst case: a unit gets a discrepancy mail for an error it never made.
 *
 * The pages' OCR records are kept in node_modules/.cache/review-desk-ocr-audit (by file sha256,
 * page and engine id, like the store's cache), so a re-run after a change to the steps after
 * recognition (page-text and on) takes seconds, not minutes.
 *
 * The scans: the bench's first six (one per sample, pages 1–10) and the scans the tests read
 * (scanSpecs, less the blank page); `--set bench|tests` takes one group, `--only NAME` the scans
 * whose name holds NAME. A figure a spec says the scan really hides (a photo's crop) is left out.
 *
 * Usage: nice -n 19 node dist/bench/ocr-audit.js [--set all|bench|tests] [--count N] [--only NAME] [--json FILE]
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import type { DocumentModel } from '../extractors/model/document-model.js';
import { defaultReadLimits } from '../extractors/model/limits.js';
import type { Evidence, ParsedSubmission } from '../extractors/model/report-schema.js';
import type { OcrCache, OcrPageRecord } from '../extractors/ocr/ocr-page.js';
import { readDocument } from '../extractors/read-document.js';
import { parseReport } from '../extractors/report/parse-report.js';
import { toHalfWidth } from '../extractors/text/normalize.js';
import { cachedScan } from '../fixtures/build/scans/make-scan.js';
import { benchScanSpecs, scanSpecs } from '../fixtures/build/scans/scan-specs.js';
import { repoRoot } from '../fixtures/hostile/repo-root.js';
import { runRules } from '../rules/engine.js';
import type { Finding } from '../rules/finding-schema.js';
import { defaultOcrMinConfidence, withUncertainFigures } from '../rules/support/uncertain-figures.js';

/** OCR page records on disk, one JSON file a page. */
class FileOcrCache implements OcrCache {
  constructor(private readonly folder: string) {
    mkdirSync(folder, { recursive: true });
  }
  #path(sha256: string, page: number, engine: string): string {
    return join(this.folder, `${sha256.slice(0, 16)}-${page}-${engine.replace(/[^\w.-]/g, '_')}.json`);
  }
  async get(sha256: string, page: number, engine: string): Promise<OcrPageRecord | undefined> {
    const path = this.#path(sha256, page, engine);
    return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as OcrPageRecord) : undefined;
  }
  async put(sha256: string, page: number, engine: string, record: OcrPageRecord): Promise<void> {
    writeFileSync(this.#path(sha256, page, engine), JSON.stringify(record));
  }
}

/** The source PDF cut to the pages the scan took (still born-digital). */
async function samePages(bytes: Uint8Array, pages: readonly number[] | undefined): Promise<Uint8Array> {
  if (!pages) return bytes;
  const source = await PDFDocument.load(bytes);
  const cut = await PDFDocument.create();
  const wanted = pages.filter((page) => page <= source.getPageCount()).map((page) => page - 1);
  for (const page of await cut.copyPages(source, wanted)) cut.addPage(page);
  return cut.save();
}

interface Checked {
  parsed: ParsedSubmission;
  findings: Finding[];
  model: DocumentModel;
}

async function check(bytes: Uint8Array, cache?: OcrCache): Promise<Checked> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const model = await readDocument(bytes, defaultReadLimits, cache ? { ocrCache: cache, sha256 } : {});
  const parsed = parseReport(model);
  const marked = withUncertainFigures(parsed.extraction, runRules(parsed), defaultOcrMinConfidence);
  return { parsed: { report: parsed.report, extraction: marked.extraction }, findings: marked.findings, model };
}

/** One leaf of a report: a key that lines up the two reports, and its path in the report (the evidence's key). */
interface Leaf {
  key: string;
  path: string;
  value: unknown;
}

/** Items and projects are lined up by their path or name, so that one missing row does not shift all the rest. */
function elementKey(element: unknown, index: number): string {
  if (element && typeof element === 'object') {
    const record = element as Record<string, unknown>;
    if (Array.isArray(record.path)) return `[${(record.path as string[]).join('/')}]`;
    if (typeof record.name === 'string') return `[${record.name}]`;
  }
  return String(index);
}

function leaves(value: unknown, key = '', path = '', out: Leaf[] = []): Leaf[] {
  if (Array.isArray(value)) {
    if (value.length === 0 || value.every((element) => element === null || typeof element !== 'object')) {
      out.push({ key, path, value: JSON.stringify(value) });
      return out;
    }
    const seen = new Map<string, number>();
    value.forEach((element, index) => {
      let name = elementKey(element, index);
      const times = seen.get(name) ?? 0;
      seen.set(name, times + 1);
      if (times > 0) name = `${name}#${times + 1}`;
      leaves(element, `${key}.${name}`, `${path}.${index}`, out);
    });
    return out;
  }
  if (value && typeof value === 'object') {
    for (const [name, child] of Object.entries(value)) {
      // An item's path is its key already.
      if (name === 'path' && Array.isArray(child)) continue;
      leaves(child, key ? `${key}.${name}` : name, path ? `${path}.${name}` : name, out);
    }
    return out;
  }
  out.push({ key, path, value });
  return out;
}

export interface FigureDiff {
  sample: string;
  key: string;
  source: unknown;
  scan: unknown;
  /** The scan's evidence confidence for the figure, when it has evidence. */
  confidence: number | null;
  /** Listed as 识别存疑 (confidence below the threshold). */
  flagged: boolean;
}

export interface FindingDiff {
  sample: string;
  side: 'scan only' | 'source only';
  ruleId: string;
  message: string;
  uncertain: boolean;
}

function diffReports(sample: string, source: Checked, scan: Checked): FigureDiff[] {
  const from = new Map(leaves(source.parsed.report).map((leaf) => [leaf.key, leaf]));
  const to = new Map(leaves(scan.parsed.report).map((leaf) => [leaf.key, leaf]));
  const evidence: Record<string, Evidence> = scan.parsed.extraction.evidence;
  const uncertain = new Set(scan.parsed.extraction.uncertainFigures ?? []);
  const diffs: FigureDiff[] = [];
  for (const key of new Set([...from.keys(), ...to.keys()])) {
    const a = from.get(key);
    const b = to.get(key);
    if (JSON.stringify(a?.value) === JSON.stringify(b?.value)) continue;
    const item = b ? evidence[b.path] : undefined;
    diffs.push({
      sample,
      key,
      source: a?.value,
      scan: b?.value,
      confidence: item?.confidence ?? null,
      flagged: b !== undefined && uncertain.has(b.path),
    });
  }
  return diffs;
}

function diffFindings(sample: string, source: Checked, scan: Checked): FindingDiff[] {
  // A finding quotes its sentence: full-width digits in the source, half-width as recognised.
  const key = (finding: Finding) => `${finding.ruleId}\u0000${toHalfWidth(finding.message)}`;
  const fromKeys = new Set(source.findings.map(key));
  const toKeys = new Set(scan.findings.map(key));
  return [
    ...scan.findings
      .filter((finding) => !fromKeys.has(key(finding)))
      .map((finding) => ({
        sample,
        side: 'scan only' as const,
        ruleId: finding.ruleId,
        message: finding.message,
        uncertain: finding.uncertain === true,
      })),
    ...source.findings
      .filter((finding) => !toKeys.has(key(finding)))
      .map((finding) => ({
        sample,
        side: 'source only' as const,
        ruleId: finding.ruleId,
        message: finding.message,
        uncertain: false,
      })),
  ];
}

const cell = (value: unknown): string =>
  value === undefined ? '—' : String(typeof value === 'string' ? value : JSON.stringify(value)).replace(/\|/g, '\\|');

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string' },
      set: { type: 'string' },
      only: { type: 'string' },
      json: { type: 'string' },
    },
  });
  const root = repoRoot();
  const cache = new FileOcrCache(join(root, 'node_modules', '.cache', 'review-desk-ocr-audit'));
  const set = values.set ?? 'all';
  const specs = [
    ...(set === 'tests' ? [] : benchScanSpecs(Number(values.count ?? 6))),
    ...(set === 'bench' ? [] : scanSpecs.filter((spec) => spec.source !== null)),
  ].filter((spec) => values.only === undefined || spec.name.includes(values.only));
  const figures: FigureDiff[] = [];
  const findings: FindingDiff[] = [];
  const counts: { sample: string; leaves: number; problems: number; uncertain: number }[] = [];
  for (const spec of specs) {
    const sample = spec.name;
    process.stderr.write(`ocr-audit: ${sample}\n`);
    const scanPath = await cachedScan(spec, root);
    // The scan holds the source's first pages only: it is compared with those pages of the source.
    const source = await check(await samePages(readFileSync(join(root, spec.source!)), spec.pages));
    const scan = await check(new Uint8Array(readFileSync(scanPath)), cache);
    const diffs = diffReports(sample, source, scan).filter(
      (diff) => !spec.hidden.some((hidden) => diff.key === hidden || diff.key.startsWith(`${hidden}.`)),
    );
    figures.push(...diffs);
    findings.push(...diffFindings(sample, source, scan));
    counts.push({
      sample,
      leaves: leaves(scan.parsed.report).length,
      problems: scan.parsed.extraction.problems.length,
      uncertain: scan.parsed.extraction.uncertainFigures?.length ?? 0,
    });
  }
  const lines: string[] = [];
  const wrong = figures.filter((diff) => diff.scan !== null && diff.scan !== undefined);
  const missing = figures.filter((diff) => diff.scan === null || diff.scan === undefined);
  lines.push(
    `figures differing: ${figures.length} (wrong ${wrong.length}, of them unflagged ${wrong.filter((d) => !d.flagged).length}; missing ${missing.length})`,
  );
  lines.push('', '| scan | figure | source | scan | confidence | 识别存疑 |', '|---|---|---|---|---|---|');
  for (const diff of [...wrong, ...missing]) {
    lines.push(
      `| ${diff.sample} | ${diff.key} | ${cell(diff.source)} | ${cell(diff.scan)} | ${diff.confidence ?? '—'} | ${diff.flagged ? 'yes' : diff.scan === null || diff.scan === undefined ? 'missing' : '**NO**'} |`,
    );
  }
  lines.push('', '| scan | finding only on | rule | uncertain | message |', '|---|---|---|---|---|');
  for (const diff of findings) {
    lines.push(
      `| ${diff.sample} | ${diff.side} | ${diff.ruleId} | ${diff.uncertain ? 'yes' : 'no'} | ${cell(diff.message)} |`,
    );
  }
  lines.push('', '| scan | report leaves | 提取提示 | 识别存疑 |', '|---|---|---|---|');
  for (const count of counts)
    lines.push(`| ${count.sample} | ${count.leaves} | ${count.problems} | ${count.uncertain} |`);
  process.stdout.write(`${lines.join('\n')}\n`);
  if (values.json) writeFileSync(values.json, JSON.stringify({ figures, findings, counts }, null, 2));
  return 0;
}

process.exitCode = await main();
