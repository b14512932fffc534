/**
 * The seed as a stamped colour scan (issue #14): all 11 pages at 200 dpi, each turned 0.3–1.5°, with
 * grain and JPEG, and red seals over the claimed score (97 in 评价结论) and over the table's
 * 部门整体自评得分. Checked by the built CLI under a pseudo-terminal, so that the same run shows the
 * progress bar's page counter and writes the JSON: the report is the seed's contract report and the
 * findings are the seed's exact findings (SPEC §4), as the born-digital PDF gives them.
 *
 * Needs the OCR engine (helper ocr-read): on a branch without it the scan is refused and this fails.
 * The slowest OCR test (11 pages, one file); it runs beside ocr-scans.test.ts on the other core.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanSpec } from '../../../fixtures/build/scans/scan-specs.js';
import type { CheckOutput, CheckResult } from '../../../reports/result-schema.js';
import { cliPath, repoRoot, runCli } from './support/cli.js';
import { expectedReport, scanPath } from './support/scans.js';

const spec = scanSpec('pingdeng-2023.colour-seal');
const hasScript = spawnSync('script', ['--version']).status === 0;

let work: string;
let scanned: CheckResult;
let bornDigital: CheckResult;
let screen: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'ocr-seed-'));
  // Relative to the repository, so that the bar's label (cut to the terminal's width) keeps the page counter.
  const scan = relative(repoRoot, await scanPath(spec));
  const json = join(work, 'scan.json');
  if (hasScript) {
    // `script` gives the command a pseudo-terminal (the bar is drawn); stdout goes to a file, as with `check --json > x`.
    const typescript = join(work, 'tty.out');
    const command = `stty cols 220 rows 40; node ${cliPath} check --json --jobs 2 ${JSON.stringify(scan)} > ${json}`;
    execFileSync('script', ['-qfc', command, typescript], { cwd: repoRoot, stdio: 'ignore', timeout: 240_000 });
    screen = readFileSync(typescript, 'utf8');
    scanned = (JSON.parse(readFileSync(json, 'utf8')) as CheckOutput).results[0]!;
  } else {
    const run = await runCli(['check', '--json', '--jobs', '2', scan], { timeoutMs: 240_000 });
    screen = '';
    scanned = (JSON.parse(run.stdout) as CheckOutput).results[0]!;
  }
  const born = await runCli(['check', '--json', 'fixtures/samples/pingdeng-2023.pdf']);
  bornDigital = (JSON.parse(born.stdout) as CheckOutput).results[0]!;
  // Eleven pages of OCR (and, on a fresh clone, making the scan first) beside the rest of the suite.
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the seed scanned with seals', () => {
  it('is checked and read by OCR', () => {
    expect(scanned.status, JSON.stringify(scanned.error)).toBe('checked');
    expect(scanned.extraction?.ocr).toBe(true);
  });

  /*
   * Exactly, the narrative figures and the brackets included: 毒品台账 and the 困难残疾人生活补贴 funds
   * (their paragraphs were broken where OCR box heights differed: extractors/ocr/page-text.ts
   * withBodySize) and a bracket wrapping onto a second line of its cell (pairWrappedBrackets).
   */
  it("gives the seed's contract report exactly, the score under the seals included", () => {
    expect(scanned.report).toEqual(expectedReport(spec));
    expect(scanned.report?.scoring.conclusionScore).toBe(97);
    expect(scanned.report?.scoring.tableTotal).toBe(97);
  });

  it("gives the seed's exact findings: scoring.group-points twice, structure.numbering, text.year-mismatch", () => {
    const summary = (result: CheckResult) =>
      result.findings.map((finding) => [finding.ruleId, finding.severity, finding.message]).sort();
    expect(summary(scanned)).toEqual(summary(bornDigital));
    expect(scanned.findings.map((finding) => finding.ruleId).sort()).toEqual([
      'scoring.group-points',
      'scoring.group-points',
      'structure.numbering',
      'text.year-mismatch',
    ]);
  });

  it.skipIf(!hasScript)('counts its pages in the progress bar', () => {
    expect(screen).toMatch(/已识别\d+页：/);
    expect(screen).toContain('已处理1个文件');
  });
});
