/**
 * Reading a PDF never generates code from the document: pdf.js compiles PostScript calculator
 * functions (and, when rendering, glyph outlines) with `new Function` unless `isEvalSupported` is
 * off. A child process counts every Function construction while readDocument reads a PDF whose
 * colour space needs such a function; a control run of pdf.js with eval on must count some, so the
 * test can tell.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { postscriptFunctionPdf } from '../../fixtures/hostile/hostile-files.js';
import { root, runNode, tempFolder } from './cli-run.js';

const countingScript = `
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const [readUrl, file, mode] = process.argv.slice(1);
let constructed = 0;
const RealFunction = globalThis.Function;
globalThis.Function = new Proxy(RealFunction, {
  construct(target, args) { constructed++; return Reflect.construct(target, args); },
  apply(target, self, args) { constructed++; return Reflect.apply(target, self, args); },
});
const bytes = new Uint8Array(readFileSync(file));
let outcome = 'read';
if (mode === 'review-desk') {
  const { readDocument } = await import(readUrl);
  try { await readDocument(bytes); } catch (error) { outcome = error?.code ?? String(error); }
} else {
  const require = createRequire(readUrl);
  const pdfjs = await import(require.resolve('pdfjs-dist/legacy/build/pdf.mjs'));
  const document = await pdfjs.getDocument({ data: bytes, isEvalSupported: true, verbosity: 0 }).promise;
  const page = await document.getPage(1);
  await page.getOperatorList();
  await document.destroy();
}
process.stdout.write(JSON.stringify({ constructed, outcome }));
`;

describe('code generation while reading a PDF', () => {
  const work = tempFolder('no-code');
  const file = join(work.path, 'postscript-function.pdf');
  writeFileSync(file, postscriptFunctionPdf());
  const readUrl = pathToFileURL(join(root, 'dist/extractors/read-document.js')).href;
  afterAll(() => work.remove());

  it('is what pdf.js does with eval on (the control: this PDF makes it compile a function)', async () => {
    const run = await runNode(['--input-type=module', '-e', countingScript, readUrl, file, 'pdfjs-eval-on'], {
      timeoutMs: 30_000,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).constructed).toBeGreaterThan(0);
  });

  it('never happens in readDocument', async () => {
    const run = await runNode(['--input-type=module', '-e', countingScript, readUrl, file, 'review-desk'], {
      timeoutMs: 30_000,
    });
    expect(run.code, run.stderr).toBe(0);
    const { constructed, outcome } = JSON.parse(run.stdout) as { constructed: number; outcome: string };
    // The file must really have been read as a PDF (a stub that refuses PDFs proves nothing).
    expect(['read', 'not-a-report']).toContain(outcome);
    expect(constructed).toBe(0);
  });
});
