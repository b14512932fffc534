/**
 * Turns benchmark measurements into figures (medians, pairwise ratios, targets) and renders
 * bench/results.md and the one-line summary. Pure functions: no I/O here.
 */
import type { MachineInfo } from './machine.js';
import type { Measurement } from './measure.js';
import type { ProfileSummary } from './profile-summary.js';
import { max, median, min, significant } from './stats.js';
import type { Validation } from './validate.js';

export type JobId = 'rd-docx' | 'rd-pdf' | 'extract-docx' | 'extract-pdf' | 'pandoc' | 'pdftotext';

export const jobLabels: Record<JobId, string> = {
  'rd-docx': 'review-desk check — DOCX (extract + rules + memos, no mail)',
  'rd-pdf': 'review-desk check — PDF (extract + rules + memos, no mail)',
  'extract-docx': 'extraction alone — DOCX (readDocument + parseReport, worker threads)',
  'extract-pdf': 'extraction alone — PDF (readDocument + parseReport, worker threads)',
  pandoc: 'baseline: pandoc -t plain — DOCX',
  pdftotext: 'baseline: pdftotext -layout — PDF',
};

export interface JobRuns {
  readonly id: JobId;
  readonly files: number;
  /** Measurements by round (index = round); undefined where the job did not run that round. */
  readonly runs: readonly (Measurement | undefined)[];
}

export interface RssScaling {
  readonly label: string;
  readonly points: readonly { n: number; peakRssBytes: number }[];
}

export interface BenchResult {
  readonly machine: MachineInfo;
  /** 1-minute load average before the first job ran. */
  readonly loadAtStart: number;
  readonly n: number;
  /** The bench's own arguments, to re-run it the same way. */
  readonly args: string;
  readonly runsPlanned: number;
  readonly rounds: number;
  readonly totalSeconds: number;
  readonly corpus: {
    readonly bases: readonly string[];
    readonly docxMiB: number;
    readonly pdfMiB: number;
    readonly pdfSource: string;
    readonly unvaried: number;
  };
  readonly tools: { readonly pandoc: string | null; readonly pdftotext: string | null };
  readonly jobs: readonly JobRuns[];
  readonly validations: readonly Validation[];
  readonly rssScaling: readonly RssScaling[];
  readonly profiles: readonly { label: string; files: number; summary: ProfileSummary }[];
  readonly notes: readonly string[];
  /** The PDF engine comparison (bench/pdf-engines.ts), when measured. */
  readonly engines?: readonly EngineRow[];
}

/** One engine's row of the comparison: median ms per document, single thread, warm. */
export interface EngineRow {
  readonly engine: string;
  readonly textMs: number | null;
  readonly textAndRulingsMs: number | null;
  readonly peakRssBytes: number | null;
  readonly licence: string;
  /** PDFium: the WASM heap after so many files. */
  readonly heap?: readonly { files: number; heapBytes: number }[];
}

export interface JobFigures {
  readonly id: JobId;
  readonly ok: number;
  readonly failed: number;
  readonly wallMs: number;
  readonly docsPerSecond: number;
  readonly cpuUtilisation: number;
  readonly peakRssBytes: number;
}

const ok = (measurement: Measurement | undefined): measurement is Measurement =>
  measurement !== undefined && !measurement.timedOut && measurement.exitCode !== null && measurement.exitCode !== 2;

export function jobFigures(job: JobRuns, cores: number): JobFigures | null {
  const good = job.runs.filter(ok);
  if (good.length === 0) return null;
  const wallMs = median(good.map((run) => run.wallMs));
  return {
    id: job.id,
    ok: good.length,
    failed: job.runs.filter((run) => run !== undefined).length - good.length,
    wallMs,
    docsPerSecond: job.files / (wallMs / 1000),
    cpuUtilisation: median(good.map((run) => run.cpuMs / (run.wallMs * cores))),
    peakRssBytes: max(good.map((run) => run.peakRssBytes)),
  };
}

/** Throughput ratio a/b per round where both ran (same files, same round: adjacent in time). */
export function pairwiseRatios(a: JobRuns, b: JobRuns): number[] {
  const ratios: number[] = [];
  for (let round = 0; round < Math.min(a.runs.length, b.runs.length); round++) {
    const x = a.runs[round];
    const y = b.runs[round];
    if (ok(x) && ok(y)) ratios.push(y.wallMs / x.wallMs);
  }
  return ratios;
}

export interface Target {
  readonly what: string;
  readonly goal: string;
  readonly measured: string;
  readonly met: boolean | null;
}

const MB = 1024 * 1024;
const mb = (bytes: number) => `${Math.round(bytes / MB)} MB`;

function find(result: BenchResult, id: JobId): JobRuns | undefined {
  return result.jobs.find((job) => job.id === id);
}

export interface Headline {
  readonly docx: JobFigures | null;
  readonly pdf: JobFigures | null;
  readonly docxVsPandoc: number | null;
  readonly pdfVsPdftotext: number | null;
  readonly pdfExtractVsPdftotext: number | null;
  readonly peakRssBytes: number | null;
}

export function headline(result: BenchResult): Headline {
  const cores = result.machine.cores;
  const figures = (id: JobId) => {
    const job = find(result, id);
    return job ? jobFigures(job, cores) : null;
  };
  const ratio = (a: JobId, b: JobId) => {
    const x = find(result, a);
    const y = find(result, b);
    if (!x || !y) return null;
    const ratios = pairwiseRatios(x, y);
    return ratios.length > 0 ? median(ratios) : null;
  };
  const docx = figures('rd-docx');
  const pdf = figures('rd-pdf');
  const rss = [docx?.peakRssBytes, pdf?.peakRssBytes].filter((value): value is number => value !== undefined);
  return {
    docx,
    pdf,
    docxVsPandoc: ratio('rd-docx', 'pandoc'),
    pdfVsPdftotext: ratio('rd-pdf', 'pdftotext'),
    pdfExtractVsPdftotext: ratio('extract-pdf', 'pdftotext'),
    peakRssBytes: rss.length > 0 ? max(rss) : null,
  };
}

export function targets(result: BenchResult): Target[] {
  const head = headline(result);
  const out: Target[] = [];
  out.push({
    what: 'DOCX throughput vs pandoc',
    goal: '≥ 5×',
    measured: head.docxVsPandoc === null ? 'not measured' : `${significant(head.docxVsPandoc)}×`,
    met: head.docxVsPandoc === null ? null : head.docxVsPandoc >= 5,
  });
  out.push({
    what: 'PDF throughput vs pdftotext',
    goal: '≥ 1.5×',
    measured: head.pdfVsPdftotext === null ? 'not measured' : `${significant(head.pdfVsPdftotext)}×`,
    met: head.pdfVsPdftotext === null ? null : head.pdfVsPdftotext >= 1.5,
  });
  out.push({
    what: 'PDF extraction alone vs pdftotext',
    goal: '≥ 3×',
    measured: head.pdfExtractVsPdftotext === null ? 'not measured' : `${significant(head.pdfExtractVsPdftotext)}×`,
    met: head.pdfExtractVsPdftotext === null ? null : head.pdfExtractVsPdftotext >= 3,
  });
  out.push({
    what: `peak RSS of the review-desk process tree, ${result.n} files`,
    goal: '≤ 300 MB (for 1,000 files)',
    measured: head.peakRssBytes === null ? 'not measured' : mb(head.peakRssBytes),
    met: head.peakRssBytes === null ? null : head.peakRssBytes <= 300 * MB,
  });
  for (const scaling of result.rssScaling) {
    if (scaling.points.length < 2) continue;
    const first = scaling.points[0]!;
    const last = scaling.points[scaling.points.length - 1]!;
    const growth = last.peakRssBytes / first.peakRssBytes;
    out.push({
      what: `RSS flat as N grows — ${scaling.label}`,
      goal: '≤ 1.25× from the smallest to the largest N',
      measured: `${mb(first.peakRssBytes)} @${first.n} → ${mb(last.peakRssBytes)} @${last.n} (${significant(growth)}×)`,
      met: growth <= 1.25,
    });
  }
  for (const id of ['rd-docx', 'rd-pdf'] as const) {
    const job = find(result, id);
    const figures = job ? jobFigures(job, result.machine.cores) : null;
    out.push({
      what: `all ${result.machine.cores} cores busy — ${id}`,
      goal: '≥ 75% CPU utilisation',
      measured: figures ? `${Math.round(figures.cpuUtilisation * 100)}%` : 'not measured',
      met: figures ? figures.cpuUtilisation >= 0.75 : null,
    });
  }
  return out;
}

export function finalLine(result: BenchResult): string {
  const head = headline(result);
  const part = (name: string, figures: JobFigures | null, baseline: string, ratio: number | null) => {
    if (!figures) return `${name} failed`;
    const versus = ratio === null ? `${baseline} n/a` : `${baseline} x${significant(ratio, 2)}`;
    return `${name} ${significant(figures.docsPerSecond)} doc/s (${versus})`;
  };
  const rss = head.peakRssBytes === null ? 'rss n/a' : `rss ${Math.round(head.peakRssBytes / MB)} MB @${result.n}`;
  return `bench: ${part('docx', head.docx, 'pandoc', head.docxVsPandoc)} | ${part('pdf', head.pdf, 'pdftotext', head.pdfVsPdftotext)} | ${rss}`;
}

const loadAtStart = (result: BenchResult) => result.loadAtStart;

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function renderResults(result: BenchResult, extraSections: readonly string[] = []): string {
  const { machine } = result;
  const head = headline(result);
  const lines: string[] = [];
  lines.push('# Benchmark: review-desk vs pdftotext and pandoc');
  lines.push('');
  lines.push(
    `Generated by \`npm run bench${result.args ? ` -- ${result.args}` : ''}\`. Do not edit by hand: re-run the bench (the analysis at the end comes from bench/analysis.md).`,
  );
  lines.push('');
  lines.push(`**${finalLine(result)}**`);
  lines.push('');
  lines.push('## Machine and run');
  lines.push('');
  lines.push(
    table(
      ['what', 'value'],
      [
        ['date', machine.date],
        ['git commit', `${machine.commit}${machine.dirty ? ' (working tree had uncommitted changes)' : ''}`],
        ['cores', `${machine.cores} (${machine.cpuModel})`],
        ['memory', `${machine.memoryGiB} GiB`],
        [
          'load average (1 min) at the start',
          `${loadAtStart(result)}${loadAtStart(result) > machine.cores ? ' — the machine was busy with other work: CPU shares and ratios are skewed' : ''}`,
        ],
        ['load average (1 min) at the end', String(machine.loadAverage)],
        ['node', `${machine.node} (${machine.platform})`],
        ['pandoc', result.tools.pandoc ?? 'not installed (`apt-get install pandoc`)'],
        ['pdftotext', result.tools.pdftotext ?? 'not installed (`apt-get install poppler-utils`)'],
        ['files per set', String(result.n)],
        ['rounds', `${result.rounds} of ${result.runsPlanned} planned (each figure is the median over rounds)`],
        ['bench wall time', `${Math.round(result.totalSeconds)} s`],
      ],
    ),
  );
  lines.push('');
  lines.push('## Corpus');
  lines.push('');
  lines.push(
    `- DOCX: ${result.n} files (${significant(result.corpus.docxMiB)} MiB), made from ${result.corpus.bases.join(', ')} by rewriting the text of \`word/document.xml\`: township name, staffing, income/expenditure, drug-control, safety and 低保 figures, all kept consistent (sums add up, the balance balances) so each variant should get the same findings as its fixture; ${result.corpus.unvaried} variant(s) had no substitution apply (distinct bytes only).`,
  );
  lines.push(`- PDF: ${result.n} files (${significant(result.corpus.pdfMiB)} MiB): ${result.corpus.pdfSource}.`);
  lines.push('');
  lines.push('## Throughput');
  lines.push('');
  lines.push(
    'Every job processes the whole set once per round; rounds interleave all jobs (order rotated each round) so that each ratio compares runs made next to each other in time. The baselines run one process per file through `xargs -P <cores>`, so they use every core as review-desk does. Peak RSS is the summed resident memory of the whole process tree (sampled from /proc every 50 ms), the largest over rounds; CPU is user+sys of the tree divided by wall time × cores.',
  );
  lines.push('');
  const rows: string[][] = [];
  for (const job of result.jobs) {
    const figures = jobFigures(job, machine.cores);
    const walls = job.runs.filter(ok).map((run) => run.wallMs / 1000);
    rows.push([
      jobLabels[job.id],
      figures ? significant(figures.docsPerSecond) : 'failed',
      figures ? `${significant(figures.wallMs / 1000)} s` : '—',
      walls.length > 0 ? `${significant(min(walls))}–${significant(max(walls))} s` : '—',
      figures ? `${Math.round(figures.cpuUtilisation * 100)}%` : '—',
      figures ? mb(figures.peakRssBytes) : '—',
      `${figures?.ok ?? 0}/${job.runs.filter((run) => run !== undefined).length}`,
    ]);
  }
  lines.push(table(['job', 'doc/s', 'median wall', 'range', 'CPU (of all cores)', 'peak RSS', 'runs ok'], rows));
  lines.push('');
  lines.push('Pairwise ratios (review-desk throughput ÷ baseline throughput, same round):');
  lines.push('');
  const docx = find(result, 'rd-docx');
  const pdf = find(result, 'rd-pdf');
  const pandoc = find(result, 'pandoc');
  const pdftotext = find(result, 'pdftotext');
  const ratioRow = (label: string, a: JobRuns | undefined, b: JobRuns | undefined) => {
    const ratios = a && b ? pairwiseRatios(a, b) : [];
    return [
      label,
      ratios.map((value) => significant(value)).join(', ') || '—',
      ratios.length > 0 ? significant(median(ratios)) : '—',
    ];
  };
  lines.push(
    table(
      ['pair', 'per round', 'median'],
      [
        ratioRow('DOCX check ÷ pandoc', docx, pandoc),
        ratioRow('PDF check ÷ pdftotext', pdf, pdftotext),
        ratioRow('DOCX extraction alone ÷ pandoc', find(result, 'extract-docx'), pandoc),
        ratioRow('PDF extraction alone ÷ pdftotext', find(result, 'extract-pdf'), pdftotext),
      ],
    ),
  );
  lines.push('');
  if (result.rssScaling.length > 0) {
    lines.push('## Memory as N grows');
    lines.push('');
    lines.push(
      table(
        ['set', ...result.rssScaling[0]!.points.map((point) => `N = ${point.n}`)],
        result.rssScaling.map((scaling) => [scaling.label, ...scaling.points.map((point) => mb(point.peakRssBytes))]),
      ),
    );
    lines.push('');
  }
  lines.push('## Targets');
  lines.push('');
  lines.push(
    table(
      ['target', 'goal', 'measured', 'met'],
      targets(result).map((target) => [
        target.what,
        target.goal,
        target.measured,
        target.met === null ? '—' : target.met ? 'yes' : '**no**',
      ]),
    ),
  );
  lines.push('');
  if (head.peakRssBytes !== null && result.n < 1000) {
    lines.push(
      `(The RSS target is stated for 1,000 files; this run had ${result.n}: run \`npm run bench -- --n 1000\`.)`,
    );
    lines.push('');
  }
  if (result.engines && result.engines.length > 0) {
    lines.push('## PDF engines');
    lines.push('');
    lines.push(
      'Each engine behind extractors/pdf/backend.ts reads the same distinct PDFs of the corpus in a process of its own (bench/pdf-engines.ts): single thread, warm, median per document; `pdftotext -layout` is one process per file. The engine `pdf.engine` chooses; the default is PDFium.',
    );
    lines.push('');
    const ms = (value: number | null) => (value === null ? '—' : `${significant(value)} ms`);
    lines.push(
      table(
        ['engine', 'text with positions', '+ vector paths (table rulings)', 'peak RSS', 'licence'],
        result.engines.map((row) => [
          row.engine,
          ms(row.textMs),
          ms(row.textAndRulingsMs),
          row.peakRssBytes === null ? '—' : mb(row.peakRssBytes),
          row.licence,
        ]),
      ),
    );
    lines.push('');
    for (const row of result.engines) {
      if (!row.heap || row.heap.length === 0) continue;
      lines.push(
        `${row.engine}: WASM heap ${row.heap.map((point) => `${mb(point.heapBytes)} after ${point.files} files`).join(', ')} (one process, the files read round-robin).`,
      );
      lines.push('');
    }
  }
  lines.push('## Are the results right?');
  lines.push('');
  lines.push(
    'A fast wrong answer is no answer: after the first round, each review-desk run is read back from its store (`review-desk status --json`) and its `results.json`. A later file for a unit and year already seen supersedes the earlier one (a resubmission): the replicated PDFs share their units, so most of them end `superseded` by design.',
  );
  lines.push('');
  const codes = (validation: Validation) =>
    Object.keys(validation.rejectedCodes).length === 0
      ? ''
      : ` (${Object.entries(validation.rejectedCodes)
          .map(([code, count]) => `${code} ${count}`)
          .join(', ')})`;
  lines.push(
    table(
      [
        'set',
        'files',
        'in the store',
        'checked',
        'superseded',
        'rejected',
        'most common findings (current results)',
        'current results with exactly those',
      ],
      result.validations.map((validation) => [
        validation.label,
        String(validation.expected),
        String(validation.files),
        String(validation.checked),
        String(validation.superseded),
        `${validation.rejected}${codes(validation)}`,
        validation.commonFindings || '(none)',
        `${validation.sameAsCommon} of ${validation.current}${validation.note ? ` — ${validation.note}` : ''}`,
      ]),
    ),
  );
  lines.push('');
  for (const profile of result.profiles) {
    lines.push(`## Profile: ${profile.label}`);
    lines.push('');
    lines.push(
      `\`node --cpu-prof\` over ${profile.files} files: ${profile.summary.threads} thread profile(s), ${Math.round(profile.summary.totalMs)} ms sampled, ${Math.round(profile.summary.idleMs)} ms idle. Self time of the busiest modules and functions (share of non-idle time):`,
    );
    lines.push('');
    lines.push(
      table(
        ['module', 'self ms', 'share'],
        profile.summary.modules.map((spot) => [
          spot.name,
          String(Math.round(spot.selfMs)),
          `${Math.round(spot.share * 100)}%`,
        ]),
      ),
    );
    lines.push('');
    lines.push(
      table(
        ['function — module:line', 'self ms', 'share'],
        profile.summary.functions.map((spot) => [
          spot.name.replace(/\|/g, '\\|'),
          String(Math.round(spot.selfMs)),
          `${Math.round(spot.share * 100)}%`,
        ]),
      ),
    );
    lines.push('');
  }
  lines.push(...extraSections);
  if (result.notes.length > 0) {
    lines.push('## Notes');
    lines.push('');
    for (const note of result.notes) lines.push(`- ${note}`);
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
