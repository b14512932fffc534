/**
 * The PDF reader is loaded on the first PDF only, and pdf.js only when a file is read with it (the
 * `pdfjs` engine, or PDFium's fallback for a file it calls corrupt): a DOCX-only or PDFium-only worker
 * never pays its memory.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** Runs the built dispatcher in a child process without listeners of its own, as a pipeline worker does. */
function runScript(lines: readonly string[]) {
  return spawnSync(process.execPath, ['--input-type=module', '-e', lines.join('\n')], {
    cwd: fileURLToPath(new URL('../../', import.meta.url)),
    encoding: 'utf8',
    timeout: 60_000,
  });
}

const prelude = [
  "import { readFileSync } from 'node:fs';",
  "const { readDocument } = await import('./dist/extractors/read-document.js');",
  "const { defaultReadLimits } = await import('./dist/extractors/model/limits.js');",
  "const pdfjsLoaded = () => 'pdfjsWorker' in globalThis && process.listenerCount('unhandledRejection') > 0;",
  'const state = [];',
];

describe('readDocument loads pdf.js lazily', () => {
  it('reads DOCX files and PDFs (PDFium) without loading pdf.js, then loads it for the first PDF read with pdf.js', () => {
    const run = runScript([
      ...prelude,
      "const docx = new Uint8Array(readFileSync('fixtures/samples/pingdeng-2023.docx'));",
      'for (let i = 0; i < 3; i++) await readDocument(docx);',
      'state.push(pdfjsLoaded());',
      "const pdf = new Uint8Array(readFileSync('fixtures/samples/pingdeng-2023.pdf'));",
      'const model = await readDocument(pdf);',
      'state.push(pdfjsLoaded(), model.format, model.blocks.length > 10);',
      "const again = await readDocument(pdf, { ...defaultReadLimits, pdfEngine: 'pdfjs' });",
      'state.push(pdfjsLoaded(), again.blocks.length === model.blocks.length);',
      'process.stdout.write(JSON.stringify(state));',
    ]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([false, false, 'pdf', true, true, true]);
  });

  it('keeps the handler for pdf.js leftovers when a damaged PDF is the first one read', () => {
    const run = runScript([
      ...prelude,
      "const bytes = new Uint8Array(readFileSync('fixtures/hostile/files/fuzz-xref-late-rejection.pdf'));",
      'const model = await readDocument(bytes);',
      'await new Promise((resolve) => setTimeout(resolve, 300));',
      'state.push(pdfjsLoaded(), model.format);',
      'process.stdout.write(JSON.stringify(state));',
    ]);
    expect(run.stderr).not.toContain('Unhandled');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([true, 'pdf']);
  });
});
