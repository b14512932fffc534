/**
 * Where one document's CPU goes in the extraction worker, stage by stage: the worker's steps run in
 * this one thread, warm (the first pass is reported apart, as the cold cost), over the same files
 * `--passes` times. CPU time (`process.cpuUsage`, user + sys), not wall time, so that figures taken
 * on a busy machine stay comparable; it is the whole process's, so V8's background threads (its
 * optimising compiler, concurrent marking) are counted in the stage that made them work.
 * Usage: node dist/bench/stage-costs.js [--passes P] FILE...   (bench/analysis.md, "PDF check")
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { defaultReadLimits } from '../extractors/model/limits.js';
import { loadPdfBackend } from '../extractors/pdf/engines.js';
import { readDocument } from '../extractors/read-document.js';
import { parseReport } from '../extractors/report/parse-report.js';
import { resultFromOutput } from '../pipeline/check/check-result.js';
import { renderMemoDocx, renderMemoHtml, renderMemoMarkdown } from '../reports/memo.js';
import { runRules } from '../rules/engine.js';

const cpuMs = (): number => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { passes: { type: 'string', default: '5' } },
    allowPositionals: true,
  });
  const files = positionals.map((path) => new Uint8Array(readFileSync(path)));
  const passes = Math.max(1, Number(values.passes));
  const backend = await loadPdfBackend('pdfium');
  const spent = new Map<string, number>();
  const timed = async <T>(stage: string, step: () => T | Promise<T>): Promise<T> => {
    const started = cpuMs();
    const value = await step();
    spent.set(stage, (spent.get(stage) ?? 0) + cpuMs() - started);
    return value;
  };
  const context = { date: new Date('2026-12-07T10:00:00Z') };
  const report = (label: string, documents: number): void => {
    let worker = 0;
    process.stdout.write(`${label} (ms of CPU a document, ${documents} documents)\n`);
    for (const [stage, ms] of spent) {
      process.stdout.write(`${(ms / documents).toFixed(2).padStart(9)}  ${stage}\n`);
      if (!stage.startsWith('(')) worker += ms;
    }
    process.stdout.write(`${(worker / documents).toFixed(2).padStart(9)}  the worker's whole step\n`);
  };
  for (let pass = 0; pass <= passes; pass++) {
    if (pass === 1) {
      report('first pass, cold', files.length);
      spent.clear();
    }
    for (const bytes of files) {
      if (bytes.length > 4 && String.fromCharCode(...bytes.subarray(0, 4)) === '%PDF') {
        // The engine alone, every page's text and rulings (readDocument asks for rulings only where the text suggests a table).
        await timed('(PDFium alone: every page, text and rulings)', async () => {
          const source = await backend.open(bytes, defaultReadLimits);
          try {
            for (let n = 1; n <= source.pageCount; n++) {
              const page = await source.page(n);
              await page.rulings();
              page.close();
            }
          } finally {
            await source.close();
          }
        });
      }
      const model = await timed('readDocument', () => readDocument(bytes));
      const submission = await timed('parseReport', () => parseReport(model));
      const findings = await timed('runRules', () => runRules(submission, {}));
      const result = resultFromOutput('bench.pdf', '0'.repeat(64), model.format, {
        ok: true,
        format: model.format,
        report: submission.report,
        extraction: submission.extraction,
        findings,
      });
      await timed('memo DOCX', () => renderMemoDocx(result, context));
      await timed('memo Markdown', () => renderMemoMarkdown(result, context));
      await timed('memo HTML', () => renderMemoHtml(result, context));
      await timed('result JSON', () => new TextEncoder().encode(JSON.stringify(result)));
    }
  }
  report(`passes 2–${passes + 1}, warm`, files.length * passes);
}

main().catch((error: unknown) => {
  process.stderr.write(`stage-costs: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 2;
});
