/**
 * Writes a submission's review memo as `DIR/memos/<name>.md|.html|.docx`. The content depends only
 * on the stored result and its check time, so writing again after a crash produces the same files
 * under the same names — never a second memo. The extraction worker usually renders the memo; this
 * module renders it in-process only when the worker's rendering does not fit (see `memoFits`).
 */
import { access, readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { formatChineseDate } from '../../reports/chinese-date.js';
import type { MemoContext } from '../../reports/memo.js';
import type { CheckResult } from '../../reports/result-schema.js';
import type { RenderedMemo } from '../check/extract-protocol.js';
import { syncFolder, writeFileAtomic } from '../support/atomic-write.js';

export const memoFolder = 'memos';

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

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

/**
 * Whether a memo rendered ahead (by the worker, before the ordered finish step) says what the memo
 * of `context` says: it knows no earlier submission, and the memo prints only the calendar day.
 */
export function memoFits(rendered: RenderedMemo, context: MemoContext): boolean {
  return !context.supersedes && formatChineseDate(new Date(rendered.date)) === formatChineseDate(context.date);
}

/** The memo libraries (docx, unified) are loaded on first use: a thread that renders no memo never loads them. */
let memoModule: Promise<typeof import('../../reports/memo.js')> | null = null;

/**
 * Renders the memo in its three renderings, in whichever thread calls it: the extraction worker
 * (usually) and the finish step (when the worker's rendering does not fit).
 */
export async function renderMemo(result: CheckResult, context: MemoContext): Promise<RenderedMemo> {
  memoModule ??= import('../../reports/memo.js');
  const { renderMemoDocx, renderMemoHtml, renderMemoMarkdown } = await memoModule;
  return {
    date: context.date.toISOString(),
    docx: await renderMemoDocx(result, context),
    markdown: renderMemoMarkdown(result, context),
    html: renderMemoHtml(result, context),
  };
}

/** Whether the three files of the memo `base` are there and not empty. */
export async function memoIntact(outDir: string, base: string): Promise<boolean> {
  const paths = memoPaths(base);
  const sizes = await Promise.all(
    [paths.md, paths.html, paths.docx].map((path) =>
      stat(join(outDir, path)).then(
        (stats) => stats.size,
        () => 0,
      ),
    ),
  );
  return sizes.every((size) => size > 0);
}

/** Writes the three renderings of a memo under `base`. */
export async function writeRenderedMemo(outDir: string, base: string, memo: RenderedMemo): Promise<MemoPaths> {
  const paths = memoPaths(base);
  // A memo is derived from the stored result, so it is not flushed (three fsyncs and a folder fsync a
  // file cost the ordered finish step more than anything else it does): write-to-temp + rename keeps
  // it whole against a killed process; a power cut can at worst lose recent memos, never an original
  // (the archive copy and the store are flushed), and it can be rendered again from the stored result.
  await Promise.all([
    writeFileAtomic(join(outDir, paths.md), memo.markdown, { durable: false }),
    writeFileAtomic(join(outDir, paths.html), memo.html, { durable: false }),
    writeFileAtomic(join(outDir, paths.docx), memo.docx, { durable: false }),
  ]);
  return paths;
}

/**
 * Renames a memo's three files from `from` to `to` (a superseded memo leaving the plain name for the
 * current one). Repeatable after a crash: a file already at `to` stays, one already gone from `from`
 * is skipped. The caller must not write under `from` before this has returned.
 */
export async function moveMemoFiles(outDir: string, from: string, to: string): Promise<void> {
  const source = memoPaths(from);
  const target = memoPaths(to);
  for (const kind of ['md', 'html', 'docx'] as const) {
    if (await exists(join(outDir, target[kind]))) continue;
    try {
      await rename(join(outDir, source[kind]), join(outDir, target[kind]));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  await syncFolder(join(outDir, memoFolder));
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
