/**
 * `review-desk mail --out DIR --contacts FILE [--force] [--dry-run] [--json]`: mails each unit its
 * discrepancy list from the current (non-superseded) results of `DIR/results.json`, with the memo the
 * desk wrote attached, and each package of `packages` its findings not told before, with the package memo
 * (SPEC §6–§8). The mail engine
 * (pipeline/mail.ts) records every message and never sends the same findings twice unless --force.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { memoBaseName } from '../../reports/file-names.js';
import { type CheckResult, checkOutputSchema, type PackageResult } from '../../reports/result-schema.js';
import { readMemoForMail } from '../desk/memo-files.js';
import { resultsFileName } from '../desk/outputs.js';
import { packageMemoBase } from '../desk/package-step.js';
import { mailOutcomeLabel, runMail } from '../mail/mail.js';
import type { CliIo } from './cli-io.js';
import { UsageError } from './cli-io.js';
import { writeChunks } from './json-output.js';
import { renderTable } from './text-table.js';

export interface MailCommandOptions {
  out: string;
  contacts: string;
  force?: boolean;
  dryRun?: boolean;
  json?: boolean;
}

function loadResults(
  outDir: string,
  shownDir: string,
): { results: CheckResult[]; memoBases: Map<string, string>; packages: PackageResult[] } {
  const file = join(outDir, resultsFileName);
  if (!existsSync(file)) {
    throw new UsageError(`${shownDir} 中没有 ${resultsFileName}，请先运行 review-desk check --out ${shownDir}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new UsageError(`${file} 不是有效的 JSON`);
  }
  const parsed = checkOutputSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(`${file} 的内容不符合 check --json 的格式`);
  // results.json carries store keys beside the SPEC keys: each memo's path (attach exactly the memo the
  // desk wrote) and whether a later submission replaced the result (then it is history, not mailed).
  const extras = (raw as { results: { memo?: { docx?: string } | null; superseded?: unknown }[] }).results;
  const memoBases = new Map<string, string>();
  const results: CheckResult[] = [];
  for (const [index, result] of parsed.data.results.entries()) {
    const extra = extras[index]!;
    // The same content handed in under two names is one submission: one message.
    if (extra.superseded === true || memoBases.has(result.sha256)) continue;
    const docx = extra.memo?.docx;
    memoBases.set(result.sha256, docx ? docx.replace(/^.*[\\/]/, '').replace(/\.docx$/, '') : memoBaseName(result));
    results.push(result);
  }
  return { results, memoBases, packages: parsed.data.packages ?? [] };
}

export async function runMailCommand(options: MailCommandOptions, io: CliIo): Promise<number> {
  const outDir = resolve(io.cwd, options.out);
  const contactsFile = resolve(io.cwd, options.contacts);
  if (!existsSync(contactsFile)) throw new UsageError(`找不到联系人文件：${options.contacts}`);
  const { results, memoBases, packages } = loadResults(outDir, options.out);
  const report = await runMail({
    outDir,
    contactsFile,
    results,
    packages: packages.map((pkg) => ({ package: pkg, memo: () => readMemoForMail(outDir, packageMemoBase(pkg)) })),
    force: Boolean(options.force),
    dryRun: Boolean(options.dryRun),
    log: (line) => io.stderr.write(`${line}\n`),
    memoFor: (result) => readMemoForMail(outDir, memoBases.get(result.sha256)!),
  });
  if (options.json) {
    await writeChunks(io.stdout, [`${JSON.stringify(report, null, 2)}\n`]);
  } else {
    const table = renderTable(
      ['单位', '文件', '邮件', '收件人', '说明'],
      report.entries.map((entry) => [
        entry.unit ?? '',
        entry.file,
        mailOutcomeLabel[entry.state],
        entry.recipients ? [...entry.recipients.to, ...entry.recipients.cc].join('、') : '',
        entry.error ?? entry.outboxFile ?? '',
      ]),
    );
    await writeChunks(io.stdout, [`${table}\n\n邮件去向：${report.destination}\n`]);
  }
  const failed = report.entries.some((entry) => entry.state === 'failed' || entry.state === 'pending');
  return failed ? 1 : 0;
}
