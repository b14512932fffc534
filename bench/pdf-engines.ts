/**
 * The PDF engine comparison of `npm run bench`: each engine behind extractors/pdf/backend.ts reads
 * the same PDFs in a process of its own (so that its peak RSS is its own), single-threaded and warm
 * (one pass first, then `--passes` timed passes), median milliseconds per document for the text with
 * positions of every page, and for the text plus every page's ruling lines. With `--heap-files N`
 * the PDFium process then reads the files round-robin until N files, noting the WASM heap.
 * Usage: node dist/bench/pdf-engines.js --engine pdfium|pdfjs [--passes P] [--heap-files N] FILE...
 * (`--passes 0`: the heap run alone.)
 * Prints one JSON line (EngineMeasurement).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { defaultReadLimits } from '../extractors/model/limits.js';
import type { PdfEngine } from '../extractors/pdf/backend.js';
import { loadPdfBackend } from '../extractors/pdf/engines.js';

export interface EngineMeasurement {
  readonly engine: PdfEngine;
  readonly documents: number;
  readonly pages: number;
  /** Median ms per document over the timed passes. */
  readonly textMs: number;
  readonly textAndRulingsMs: number;
  readonly peakRssBytes: number;
  /** PDFium only: the WASM heap after `heapFiles[i]` files. */
  readonly heap: readonly { files: number; heapBytes: number }[];
}

async function readAll(engine: PdfEngine, files: readonly Uint8Array[], rulings: boolean): Promise<number> {
  const backend = await loadPdfBackend(engine);
  let pages = 0;
  for (const bytes of files) {
    const source = await backend.open(bytes, defaultReadLimits);
    try {
      for (let n = 1; n <= source.pageCount; n++) {
        const page = await source.page(n);
        if (rulings) await page.rulings();
        page.close();
        pages++;
      }
    } finally {
      await source.close();
    }
  }
  return pages;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: {
      engine: { type: 'string', default: 'pdfium' },
      passes: { type: 'string', default: '3' },
      'heap-files': { type: 'string', default: '0' },
    },
    allowPositionals: true,
  });
  const engine = values.engine as PdfEngine;
  const files = positionals.map((path) => new Uint8Array(readFileSync(path)));
  const passes = Number(values.passes);
  let peak = process.memoryUsage.rss();
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage.rss());
  };
  const timer = setInterval(sample, 20);
  const timed = async (rulings: boolean): Promise<{ ms: number; pages: number }> => {
    await readAll(engine, files, rulings);
    const perDocument: number[] = [];
    let pages = 0;
    for (let pass = 0; pass < passes; pass++) {
      const started = performance.now();
      pages = await readAll(engine, files, rulings);
      perDocument.push((performance.now() - started) / files.length);
      sample();
    }
    return { ms: median(perDocument), pages };
  };
  const skipTiming = passes === 0;
  const text = skipTiming ? { ms: 0, pages: 0 } : await timed(false);
  const both = skipTiming ? { ms: 0, pages: 0 } : await timed(true);
  const heap: { files: number; heapBytes: number }[] = [];
  const heapFiles = Number(values['heap-files']);
  if (engine === 'pdfium' && heapFiles > 0) {
    const { pdfiumHeap } = await import('../extractors/pdf/pdfium-backend.js');
    const { readPdf } = await import('../extractors/pdf/reader.js');
    const limits = { ...defaultReadLimits, pdfEngine: 'pdfium' as const };
    for (let i = 1; i <= heapFiles; i++) {
      await readPdf(files[i % files.length]!, limits).catch(() => undefined);
      if (i === 10 || i === 100 || i === heapFiles) heap.push({ files: i, heapBytes: (await pdfiumHeap()).heapBytes });
      if (i % 50 === 0) sample();
    }
  }
  clearInterval(timer);
  sample();
  const result: EngineMeasurement = {
    engine,
    documents: files.length,
    pages: text.pages,
    textMs: text.ms,
    textAndRulingsMs: both.ms,
    peakRssBytes: peak,
    heap,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`pdf-engines: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 2;
});
