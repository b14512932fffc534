/**
 * Writes a submission's review memo as `DIR/memos/<name>.md|.html|.docx`. The content depends only
 * on the stored result and its check time, so writing again after a crash produces the same files
 * under the same names — never a second memo.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type MemoContext, renderMemoDocx, renderMemoHtml, renderMemoMarkdown } from '../reports/memo.js';
import type { CheckResult } from '../reports/result-schema.js';
import { syncFolder, writeFileAtomic } from './atomic-write.js';

export const memoFolder = 'memos';

export interface MemoPaths {
  md: string;
  html: string;
  docx: string;
}

/** Memo paths relative to the output folder. */
export function memoPaths(base: string): MemoPaths {
  return {
    md: join(memoFolder, `${base}.md`),
    html: join(memoFolder, `${base}.html`),
    docx: join(memoFolder, `${base}.docx`),
  };
}

export async function writeMemoFiles(
  outDir: string,
  base: string,
  result: CheckResult,
  context: MemoContext,
): Promise<MemoPaths> {
  const paths = memoPaths(base);
  const docx = await renderMemoDocx(result, context);
  const markdown = renderMemoMarkdown(result, context);
  const html = renderMemoHtml(result, context);
  // The three files are flushed side by side and the folder once: the finish step waits on this.
  await Promise.all([
    writeFileAtomic(join(outDir, paths.md), markdown, { syncFolder: false }),
    writeFileAtomic(join(outDir, paths.html), html, { syncFolder: false }),
    writeFileAtomic(join(outDir, paths.docx), docx, { syncFolder: false }),
  ]);
  await syncFolder(join(outDir, memoFolder));
  return paths;
}

/** The written memo, as the mail step attaches it. */
export async function readMemoForMail(
  outDir: string,
  base: string,
): Promise<{ html: string; docx: Buffer; docxName: string }> {
  const paths = memoPaths(base);
  return {
    html: await readFile(join(outDir, paths.html), 'utf8'),
    docx: await readFile(join(outDir, paths.docx)),
    docxName: `${base}.docx`,
  };
}
