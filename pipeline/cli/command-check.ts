/**
 * `review-desk check [--json] [--out DIR] [--config FILE] [--mail --contacts FILE] [--jobs N] PATH...`
 * Without --out it only reads; with --out it runs the same desk as `watch` (archive, store, memos,
 * summary, results.json) — in both cases the files it was pointed at are never moved or changed.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { printableName } from '../../reports/file-names.js';
import { type CheckResult, type PackageResult, summarize } from '../../reports/result-schema.js';
import { checkFiles } from '../check/check-files.js';
import {
  type CheckedResult,
  complete,
  problemCount,
  statusLine,
  tableSidecar,
  withExtraction,
} from '../check/check-result.js';
import { CheckRunner } from '../check/check-runner.js';
import { buildPackages } from '../check/packages.js';
import type { LockHolder } from '../desk/output-lock.js';
import { collectFiles, type SkippedEntry } from '../intake/collect-files.js';
import { assertContactsUsable } from '../mail/mail-step.js';
import type { CliIo } from './cli-io.js';
import { prepareOutputFolder, UsageError } from './cli-io.js';
import { checkOutputChunks, writeChunks } from './json-output.js';
import { loadPipelineConfig, type PipelineConfig } from './pipeline-config.js';
import { ocrPageLabel } from './progress-display.js';
import { startRunLogging } from './run-logger.js';
import { renderTable } from './text-table.js';

export interface CheckCommandOptions {
  json?: boolean;
  out?: string;
  config?: string;
  mail?: boolean;
  contacts?: string;
  jobs?: number;
  exitZero?: boolean;
}

/** 0: every file checked without an error finding; 1: a file rejected or an error finding (a package's included). */
export function exitCodeFor(results: readonly CheckResult[], packages: readonly PackageResult[] = []): 0 | 1 {
  const { rejected, errors } = summarize(results);
  const packageErrors = packages.some((pkg) => pkg.findings.some((finding) => finding.severity === 'error'));
  return rejected > 0 || errors > 0 || packageErrors ? 1 : 0;
}

export async function validateMailOptions(
  options: { mail?: boolean; contacts?: string; out?: string },
  cwd: string,
): Promise<void> {
  if (!options.mail) return;
  if (!options.out) throw new UsageError('使用 --mail 时须同时用 --out 指定输出文件夹（邮件记录保存在其中）');
  if (!options.contacts) throw new UsageError('使用 --mail 时须用 --contacts 指定联系人文件（CSV：unit,email,cc）');
  const contacts = resolve(cwd, options.contacts);
  if (!existsSync(contacts)) throw new UsageError(`找不到联系人文件：${options.contacts}`);
  options.contacts = contacts;
  await assertContactsUsable(contacts);
}

function readableTable(results: readonly CheckResult[]): string {
  const rows = results.map((result) => {
    const counts = summarize([result]);
    const note =
      result.status === 'rejected'
        ? (result.error?.message ?? '')
        : (result.findings.find((finding) => finding.severity === 'error')?.message ?? '');
    return [
      printableName(result.file),
      result.status === 'rejected' ? '已退回' : '已审核',
      result.report?.unit ?? '',
      result.report?.year === null || result.report?.year === undefined ? '' : String(result.report.year),
      String(counts.errors),
      String(counts.warnings),
      String(counts.infos),
      result.status === 'rejected' ? '' : String(problemCount(complete(result))),
      note,
    ];
  });
  return renderTable(['文件', '状态', '单位', '年度', '错误', '警告', '提示', '提取提示', '说明'], rows);
}

function totalsLine(results: readonly CheckResult[]): string {
  const summary = summarize(results);
  const withProblems = results.filter((result) => problemCount(complete(result)) > 0);
  const problems = withProblems.reduce((sum, result) => sum + problemCount(complete(result)), 0);
  const problemNote = problems > 0 ? `；${withProblems.length}个文件有提取提示共${problems}项，请人工核对` : '';
  return `共${summary.files}个文件：已审核${summary.checked}个，已退回${summary.rejected}个；错误${summary.errors}项，警告${summary.warnings}项${problemNote}。`;
}

/**
 * Without --json only the table is printed: a thousand results need not keep their sidecars in
 * memory, only the extraction problems the table counts.
 */
function tableOnly(checked: CheckedResult): CheckResult {
  const { file, sha256, format, status, error, report, findings } = checked.result;
  const table = tableSidecar(checked);
  const extraction = table
    ? { evidence: {}, repeatedFigures: [], sentences: [], headings: [], ocr: false, ...table }
    : null;
  return { file, sha256, format, status, error, report, findings, extraction };
}

export async function runCheckCommand(paths: string[], options: CheckCommandOptions, io: CliIo): Promise<number> {
  const config = loadPipelineConfig(options.config, io.cwd);
  await validateMailOptions(options, io.cwd);
  const skipped: SkippedEntry[] = [];
  const files = await collectFiles(paths, skipped);
  // An empty folder (or one holding only data files) must not look like a clean run.
  if (files.length === 0) io.stderr.write('未找到可审核的文件\n');
  const outDir = options.out ? resolve(io.cwd, options.out) : null;
  if (outDir) await prepareOutputFolder(outDir, options.out!);
  // One writer per output folder; the desk module (and the lock with it) loads only when there is one.
  const lock = outDir ? (await import('../desk/output-lock.js')).acquireOutputLock(outDir) : null;
  try {
    return await checkHoldingLock(files, skipped, outDir, lock?.takenOver ?? null, config, options, io);
  } finally {
    lock?.release();
  }
}

async function checkHoldingLock(
  files: string[],
  skipped: readonly SkippedEntry[],
  outDir: string | null,
  takenOver: LockHolder | null,
  config: PipelineConfig,
  options: CheckCommandOptions,
  io: CliIo,
): Promise<number> {
  const jobs = options.jobs ?? io.defaultJobs;
  const { stop, logger } = startRunLogging(outDir, io, takenOver);
  for (const { path, reason } of skipped) logger.warn('file-skipped', { path, reason }, `已跳过 ${path}：${reason}`);
  let done = 0;
  // A scanned file takes seconds a page: the bar names each one in hand with its page counter.
  const ocrPages = new Map<string, number>();
  const pagesLabel = (fallback: string): string =>
    ocrPages.size === 0 ? fallback : [...ocrPages].map(([file, pages]) => ocrPageLabel(file, pages)).join('；');
  const onOcrPage = (file: string, pages: number): void => {
    ocrPages.set(file, pages);
    logger.progress(done, files.length, pagesLabel(file));
  };
  const runner = new CheckRunner({ jobs, limits: config.limits, config: config.rules, onOcrPage });
  let results: CheckResult[];
  let packages: PackageResult[] = [];
  const keep = options.json ? withExtraction : tableOnly;
  // The bar (on a terminal) shows from the start, not only once the first file is done.
  if (files.length > 0) logger.progress(0, files.length, '');
  const tick = (label: string): void => {
    done++;
    ocrPages.delete(label);
    logger.progress(done, files.length, pagesLabel(label));
  };
  try {
    if (!outDir) {
      results = await checkFiles(files, {
        runner,
        logger,
        jobs,
        keep,
        onResult: (result, _run, announced) => {
          if (!announced)
            logger.info(
              'file-checked',
              { file: result.file, status: result.status },
              statusLine(result.file, complete(result)),
            );
          tick(result.file);
        },
      });
      // Without a store the package is what this batch holds (SPEC §7); the results keep their sidecar only with --json.
      packages = buildPackages(results, config.rules);
    } else {
      // The desk (store, memos, summary) is loaded only when there is an output folder to fill.
      const { checkWithDesk } = await import('../check/check-with-desk.js');
      results = await checkWithDesk(files, {
        outDir,
        jobs,
        runner,
        logger,
        mail: options.mail ? { contactsFile: options.contacts! } : null,
        tick,
        keep,
        stop,
        onPackages: (found) => {
          packages = found;
        },
      });
    }
  } finally {
    await runner.close();
    await logger.close();
  }
  if (options.json) {
    await writeChunks(io.stdout, checkOutputChunks(results, packages));
  } else {
    const lines = [readableTable(results), '', totalsLine(results), ...packageLines(packages)];
    if (outDir) {
      lines.push(
        `审核意见：${resolve(outDir, 'memos')}`,
        `汇总表：${resolve(outDir, 'summary.xlsx')}（另有 summary.md）`,
        `结果数据：${resolve(outDir, 'results.json')}`,
      );
    }
    await writeChunks(io.stdout, [`${lines.join('\n')}\n`]);
  }
  return options.exitZero ? 0 : exitCodeFor(results, packages);
}

/** One line per package finding under the table: the unit, the year and the message naming the files. */
function packageLines(packages: readonly PackageResult[]): string[] {
  return packages.flatMap((pkg) =>
    pkg.findings.map((finding) => `${pkg.unit}（${pkg.year}年）各文件之间：${finding.message}`),
  );
}
