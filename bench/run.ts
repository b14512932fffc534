/**
 * `npm run bench`: review-desk against pdftotext (poppler) and pandoc on the same generated
 * submissions. Builds the corpus, runs every job once per round with the rounds interleaved, checks
 * that review-desk's answers are right, profiles where a target is missed, writes bench/results.md
 * and prints one summary line. Installs nothing.
 *
 * Options: --n N (files per set, default 200) --runs R (rounds, default 3) --budget-s S (stop adding
 * rounds past this, default 270) --timeout-s S (per job, default 300) --distinct-pdfs K (default 20)
 * --heap-files F (PDFium's heap after F files, default 1000)
 * --profile auto|always|never (default auto: profile a path whose target is missed) --jobs J (passed
 * to review-desk check) --keep (keep the temp folder) --results FILE (default bench/results.md)
 * --render FILE (re-render results.md from the figures a run saved in bench/tmp/last-result.json)
 * --scans N (only the scanned-PDF set: N ten-page scans read by OCR, printed; not part of the default run)
 * --forms-only (print only the forms set's section: bench/forms.ts; its passes follow --n)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../fixtures/hostile/repo-root.js';
import { buildCorpus, subsetFolder } from './corpus.js';
import { benchDesk, deskSection } from './desk-serve.js';
import { benchForms, formsPasses, formsSection } from './forms.js';
import { machineInfo, toolVersion } from './machine.js';
import { type Measurement, measure } from './measure.js';
import type { EngineMeasurement } from './pdf-engines.js';
import { summariseProfiles } from './profile-summary.js';
import {
  type BenchResult,
  type EngineRow,
  finalLine,
  type JobId,
  type JobRuns,
  type RssScaling,
  renderResults,
  targets,
} from './report.js';
import { benchScans, scanSection } from './scans.js';
import { type Validation, validateRun } from './validate.js';

interface Job {
  readonly id: JobId;
  readonly files: number;
  /** The command for a run; `out` is a fresh folder the run may write to. */
  readonly command: (out: string) => string[];
  /** Reads the run's answers (review-desk only) into a validation row. */
  readonly validate?: (out: string) => Validation;
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

function nulList(files: readonly string[], path: string): string {
  writeFileSync(path, `${files.join('\0')}\0`);
  return path;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      n: { type: 'string', default: '200' },
      runs: { type: 'string', default: '3' },
      'budget-s': { type: 'string', default: '270' },
      'timeout-s': { type: 'string', default: '300' },
      'distinct-pdfs': { type: 'string', default: '20' },
      'heap-files': { type: 'string', default: '1000' },
      profile: { type: 'string', default: 'auto' },
      jobs: { type: 'string' },
      keep: { type: 'boolean', default: false },
      results: { type: 'string' },
      render: { type: 'string' },
      'desk-only': { type: 'boolean', default: false },
      scans: { type: 'string' },
      'forms-only': { type: 'boolean', default: false },
    },
  });
  const root = repoRoot();
  if (values['desk-only']) {
    // Only the desk's section, printed (npm run bench -- --desk-only).
    process.stdout.write(`${deskSection(await benchDesk(root)).join('\n')}\n`);
    return 0;
  }
  if (values.scans) {
    // Only the scanned-PDF set (npm run bench -- --scans 20): minutes of OCR, so not in the default run.
    const count = Number(values.scans);
    if (!(Number.isInteger(count) && count >= 1)) {
      log('bench: --scans must be a positive whole number');
      return 2;
    }
    const result = await benchScans(root, {
      count,
      jobs: values.jobs ? Number(values.jobs) : undefined,
      timeoutMs: Number(values['timeout-s']) * 1000 * Math.max(1, count / 4),
      log,
    });
    process.stdout.write(`${scanSection(result).join('\n')}\n`);
    return result.rejected > 0 || result.timedOut ? 1 : 0;
  }
  if (values['forms-only']) {
    // Only the forms set's section, printed (npm run bench -- --forms-only [--n N]).
    const forms = benchForms(root, {
      passes: formsPasses(Number(values.n)),
      timeoutMs: Number(values['timeout-s']) * 1000,
      pandoc: toolVersion('pandoc', ['--version']) !== null,
      pdftotext: toolVersion('pdftotext', ['-v']) !== null,
      log,
    });
    process.stdout.write(`${formsSection(forms).join('\n')}\n`);
    return 0;
  }
  if (values.render) {
    // Re-render results.md from a saved run (after editing bench/analysis.md), without measuring again.
    const saved = JSON.parse(readFileSync(values.render, 'utf8')) as BenchResult;
    const resultsPath = values.results ?? join(root, 'bench/results.md');
    writeFileSync(resultsPath, renderResults(saved, readExtraSections(root)));
    log(`bench: re-rendered ${resultsPath} from ${values.render}`);
    process.stdout.write(`${finalLine(saved)}\n`);
    return 0;
  }
  const n = Number(values.n);
  const runsPlanned = Number(values.runs);
  const budgetMs = Number(values['budget-s']) * 1000;
  const timeoutMs = Number(values['timeout-s']) * 1000;
  if (!(n >= 1 && runsPlanned >= 1 && budgetMs > 0 && timeoutMs > 0)) {
    log('bench: --n, --runs, --budget-s and --timeout-s must be positive numbers');
    return 2;
  }
  const cores = availableParallelism();
  const started = performance.now();
  const loadAtStart = Math.round(loadavg()[0]! * 10) / 10;
  // The commit and working-tree state the figures belong to: taken before anything runs.
  const machineAtStart = machineInfo(root);
  const workDir = mkdtempSync(join(tmpdir(), 'review-desk-bench-'));
  const notes: string[] = [];
  try {
    const corpus = buildCorpus({
      root,
      n,
      distinctPdfs: Math.min(n, Number(values['distinct-pdfs'])),
      workDir,
      cacheDir: join(root, 'bench/tmp/pdf-cache'),
      log,
    });

    const pandoc = toolVersion('pandoc', ['--version']);
    const pdftotext = toolVersion('pdftotext', ['-v']);
    if (!pandoc || !pdftotext) {
      log(
        `bench: ${[!pandoc && 'pandoc', !pdftotext && 'pdftotext'].filter(Boolean).join(' and ')} not installed — its baseline is skipped. Install: apt-get install poppler-utils pandoc`,
      );
    }

    const cli = join(root, 'bin/review-desk.js');
    const jobsOption = values.jobs ? ['--jobs', values.jobs] : [];
    const docxList = nulList(corpus.docxFiles, join(workDir, 'docx.list'));
    const pdfList = nulList(corpus.pdfFiles, join(workDir, 'pdf.list'));
    const extractOnly = join(root, 'dist/bench/extract-only.js');
    const jobs: Job[] = [
      {
        id: 'rd-docx',
        files: n,
        command: (out) => [process.execPath, cli, 'check', corpus.docxDir, '--out', out, ...jobsOption],
        validate: (out) => validateRun('DOCX', n, out, cli, root),
      },
      {
        id: 'rd-pdf',
        files: n,
        command: (out) => [process.execPath, cli, 'check', corpus.pdfDir, '--out', out, ...jobsOption],
        validate: (out) => validateRun('PDF', n, out, cli, root),
      },
      {
        id: 'extract-docx',
        files: n,
        command: () => [process.execPath, extractOnly, '--workers', String(cores), corpus.docxDir],
      },
      {
        id: 'extract-pdf',
        files: n,
        command: () => [process.execPath, extractOnly, '--workers', String(cores), corpus.pdfDir],
      },
    ];
    if (pandoc) {
      jobs.push({
        id: 'pandoc',
        files: n,
        command: () => [
          'xargs',
          '-a',
          docxList,
          '-0',
          '-P',
          String(cores),
          '-I{}',
          'pandoc',
          '-t',
          'plain',
          '{}',
          '-o',
          '/dev/null',
        ],
      });
    }
    if (pdftotext) {
      jobs.push({
        id: 'pdftotext',
        files: n,
        command: () => [
          'xargs',
          '-a',
          pdfList,
          '-0',
          '-P',
          String(cores),
          '-I{}',
          'pdftotext',
          '-layout',
          '{}',
          '/dev/null',
        ],
      });
    }

    // Pairs stay adjacent (review-desk next to its baseline); pair order and order within a pair rotate each round.
    const pairs: JobId[][] = [
      ['rd-docx', 'pandoc'],
      ['rd-pdf', 'pdftotext'],
      ['extract-docx', 'extract-pdf'],
    ];
    const runs = new Map<JobId, (Measurement | undefined)[]>(jobs.map((job) => [job.id, []]));
    const validations: Validation[] = [];
    let rounds = 0;
    let roundMs = 0;
    for (let round = 0; round < runsPlanned; round++) {
      const elapsed = performance.now() - started;
      if (round > 0 && elapsed + roundMs > budgetMs) {
        notes.push(
          `Stopped after ${round} round(s) of ${runsPlanned}: another round (~${Math.round(roundMs / 1000)} s) would pass the ${Math.round(budgetMs / 1000)} s budget (--budget-s).`,
        );
        break;
      }
      const roundStarted = performance.now();
      const order = [...pairs.slice(round % pairs.length), ...pairs.slice(0, round % pairs.length)].flatMap((pair) =>
        round % 2 === 0 ? pair : [...pair].reverse(),
      );
      for (const id of order) {
        const job = jobs.find((candidate) => candidate.id === id);
        if (!job) continue;
        const out = join(workDir, `out-${id}-${round}`);
        const measurement = await measure(job.command(out), { cwd: root, timeoutMs });
        runs.get(id)![round] = measurement;
        const verdict = measurement.timedOut
          ? 'TIMED OUT'
          : `exit ${measurement.exitCode}, ${(measurement.wallMs / 1000).toFixed(2)} s, ${(n / (measurement.wallMs / 1000)).toFixed(1)} doc/s, ${Math.round(measurement.peakRssBytes / 1024 / 1024)} MB`;
        log(`bench: round ${round + 1} ${id}: ${verdict}`);
        if (measurement.exitCode === 2 || measurement.timedOut) {
          log(`bench: ${id} stderr (tail):\n${measurement.stderrTail}`);
        }
        if (round === 0 && job.validate) validations.push(job.validate(out));
        rmSync(out, { recursive: true, force: true });
      }
      rounds++;
      roundMs = performance.now() - roundStarted;
    }

    // Memory as N grows: review-desk on a quarter of the set, next to the full-set figure.
    const rssScaling: RssScaling[] = [];
    const quarter = Math.max(1, Math.floor(n / 4));
    if (quarter < n) {
      for (const [id, files, label] of [
        ['rd-docx', corpus.docxFiles, 'review-desk check, DOCX'],
        ['rd-pdf', corpus.pdfFiles, 'review-desk check, PDF'],
      ] as const) {
        const full = (runs.get(id) ?? []).filter((run): run is Measurement => run !== undefined && !run.timedOut);
        if (full.length === 0) continue;
        const subset = subsetFolder(files, quarter, join(workDir, `subset-${id}`));
        const out = join(workDir, `out-${id}-subset`);
        const small = await measure([process.execPath, cli, 'check', subset, '--out', out, ...jobsOption], {
          cwd: root,
          timeoutMs,
        });
        rmSync(out, { recursive: true, force: true });
        log(`bench: ${id} on ${quarter} files: ${Math.round(small.peakRssBytes / 1024 / 1024)} MB peak`);
        rssScaling.push({
          label,
          points: [
            { n: quarter, peakRssBytes: small.peakRssBytes },
            { n, peakRssBytes: Math.max(...full.map((run) => run.peakRssBytes)) },
          ],
        });
      }
    }

    const engines = await measureEngines(corpus.pdfFiles.slice(0, Math.min(12, Number(values['distinct-pdfs']), n)), {
      root,
      heapFiles: Number(values['heap-files']),
      timeoutMs,
      pdftotext: pdftotext !== null,
    });

    const partial: BenchResult = {
      machine: { ...machineAtStart, loadAverage: machineInfo(root).loadAverage },
      loadAtStart,
      n,
      args: process.argv.slice(2).join(' '),
      runsPlanned,
      rounds,
      totalSeconds: (performance.now() - started) / 1000,
      corpus: {
        bases: corpus.bases.map((path) => path.slice(root.length + 1)),
        docxMiB: corpus.docxBytes / 1024 / 1024,
        pdfMiB: corpus.pdfBytes / 1024 / 1024,
        pdfSource: corpus.pdfSource,
        unvaried: corpus.unvaried,
      },
      tools: { pandoc, pdftotext },
      jobs: jobs.map((job): JobRuns => ({ id: job.id, files: job.files, runs: runs.get(job.id) ?? [] })),
      validations,
      rssScaling,
      profiles: [],
      notes,
      engines,
    };

    // Profile the paths whose throughput target is missed (or all, with --profile always).
    const profiles: BenchResult['profiles'][number][] = [];
    const missed = targets(partial).filter((target) => target.met === false);
    const wantProfile = (format: 'DOCX' | 'PDF') =>
      values.profile === 'always' ||
      (values.profile === 'auto' &&
        missed.some((target) => target.what.includes(format) || target.what.includes(`rd-${format.toLowerCase()}`)));
    for (const [format, files] of [
      ['DOCX', corpus.docxFiles],
      ['PDF', corpus.pdfFiles],
    ] as const) {
      if (!wantProfile(format)) continue;
      const count = Math.min(n, 60);
      const subset = subsetFolder(files, count, join(workDir, `profile-${format}`));
      const profileDir = join(workDir, `cpuprofile-${format}`);
      mkdirSync(profileDir, { recursive: true });
      const out = join(workDir, `out-profile-${format}`);
      log(`bench: profiling review-desk check on ${count} ${format} files`);
      await measure(
        [
          process.execPath,
          '--cpu-prof',
          '--cpu-prof-dir',
          profileDir,
          cli,
          'check',
          subset,
          '--out',
          out,
          ...jobsOption,
        ],
        { cwd: root, timeoutMs },
      );
      const summary = summariseProfiles(profileDir);
      if (summary.threads > 0) profiles.push({ label: `review-desk check, ${format}`, files: count, summary });
      else notes.push(`The ${format} profile run wrote no .cpuprofile (workers terminated before writing?).`);
    }

    const result: BenchResult = { ...partial, profiles, totalSeconds: (performance.now() - started) / 1000 };
    const resultsPath = values.results ?? join(root, 'bench/results.md');
    log('bench: the desk — batch page of 1,000 packages, PDF page image cache');
    log('bench: the forms set — XLSX, .xls, .doc, DOCX and PDF forms beside pandoc, pdftotext and a DOCX report');
    const forms = benchForms(root, {
      passes: formsPasses(n),
      timeoutMs,
      pandoc: pandoc !== null,
      pdftotext: pdftotext !== null,
      log,
    });
    const extra = [...deskSection(await benchDesk(root)), ...formsSection(forms), ...readExtraSections(root)];
    writeFileSync(resultsPath, renderResults(result, extra));
    const savedPath = join(root, 'bench/tmp/last-result.json');
    mkdirSync(join(root, 'bench/tmp'), { recursive: true });
    writeFileSync(savedPath, JSON.stringify(result, null, 2));
    log(`bench: wrote ${resultsPath} (figures saved in ${savedPath}; --render ${savedPath} re-renders them)`);
    process.stdout.write(`${finalLine(result)}\n`);
    return 0;
  } finally {
    if (values.keep) log(`bench: kept ${workDir}`);
    else rmSync(workDir, { recursive: true, force: true });
  }
}

/**
 * The PDF engine comparison: bench/pdf-engines.ts once per engine (its own process, so its own peak
 * RSS), and `pdftotext -layout` one process per file, on the same distinct PDFs.
 */
async function measureEngines(
  files: readonly string[],
  options: { root: string; heapFiles: number; timeoutMs: number; pdftotext: boolean },
): Promise<EngineRow[]> {
  const rows: EngineRow[] = [];
  const script = join(options.root, 'dist/bench/pdf-engines.js');
  const engines = [
    { engine: 'pdfium', label: 'PDFium WASM, `@embedpdf/pdfium` (default)', licence: 'MIT + PDFium BSD-style' },
    { engine: 'pdfjs', label: 'pdfjs-dist 5.4.296', licence: 'Apache-2.0' },
  ];
  const runEngine = (engine: string, extra: string[], timeoutMs: number): EngineMeasurement | null => {
    const run = spawnSync(process.execPath, [script, '--engine', engine, ...extra, ...files], {
      cwd: options.root,
      encoding: 'utf8',
      timeout: timeoutMs,
    });
    const line = run.stdout?.trim().split('\n').at(-1);
    if (run.status !== 0 || !line) {
      log(
        `bench: engine ${engine} ${extra.join(' ')} failed (${run.signal ?? `exit ${run.status}`}): ${(run.stderr ?? '').slice(-500)}`,
      );
      return null;
    }
    return JSON.parse(line) as EngineMeasurement;
  };
  for (const { engine, label, licence } of engines) {
    const measured = runEngine(engine, [], options.timeoutMs);
    // The heap after many files: a run of its own, with time for it (a file takes well under a second).
    const heapRun =
      engine === 'pdfium'
        ? runEngine(
            engine,
            ['--passes', '0', '--heap-files', String(options.heapFiles)],
            Math.max(options.timeoutMs, options.heapFiles * 1000),
          )
        : null;
    if (measured) {
      log(
        `bench: engine ${engine}: ${measured.textMs.toFixed(1)} / ${measured.textAndRulingsMs.toFixed(1)} ms per document`,
      );
    }
    rows.push({
      engine: label,
      textMs: measured?.textMs ?? null,
      textAndRulingsMs: measured?.textAndRulingsMs ?? null,
      peakRssBytes: measured?.peakRssBytes ?? null,
      licence,
      heap: heapRun?.heap ?? [],
    });
  }
  if (options.pdftotext) {
    const perDocument: number[] = [];
    for (let pass = 0; pass < 3; pass++) {
      const started = performance.now();
      for (const file of files) spawnSync('pdftotext', ['-layout', file, '/dev/null']);
      perDocument.push((performance.now() - started) / files.length);
    }
    perDocument.sort((a, b) => a - b);
    rows.push({
      engine: '`pdftotext -layout`, a process per file',
      textMs: perDocument[1]!,
      textAndRulingsMs: null,
      peakRssBytes: null,
      licence: 'GPL (poppler)',
    });
  }
  return rows;
}

/** Hand-written analysis kept across re-runs: bench/analysis.md is appended to results.md when present. */
function readExtraSections(root: string): string[] {
  try {
    return [readFileSync(join(root, 'bench/analysis.md'), 'utf8').trimEnd(), ''];
  } catch {
    return [];
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  },
);
