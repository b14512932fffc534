/**
 * `review-desk status --out DIR [--json]`: every submission the store knows, with its state
 * (received / checked / rejected / superseded), findings counts, mail state and repeat arrivals.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { mailStateLabel } from '../../reports/summary-rows.js';
import { databaseFileName, openDatabase } from '../desk/database.js';
import { type Submission, SubmissionStore } from '../desk/store.js';
import { storeMailStates } from '../mail/mail-step.js';
import type { CliIo } from './cli-io.js';
import { UsageError } from './cli-io.js';
import { writeChunks } from './json-output.js';
import { renderTable } from './text-table.js';

export type SubmissionState = 'received' | 'checked' | 'rejected' | 'superseded';

export function stateOf(submission: Submission): SubmissionState {
  if (submission.status === null) return 'received';
  if (submission.supersededBy !== null) return 'superseded';
  return submission.status;
}

const stateLabel: Record<SubmissionState, string> = {
  received: '已接收',
  checked: '已审核',
  rejected: '已退回',
  superseded: '已被替代',
};

export async function runStatusCommand(options: { out: string; json?: boolean }, io: CliIo): Promise<number> {
  const outDir = resolve(io.cwd, options.out);
  // Only reads: a folder without a store (or a file that holds none) is told so, and no schema is made.
  const db = existsSync(join(outDir, databaseFileName)) ? openDatabase(outDir, { create: false }) : null;
  if (db === null) throw new UsageError(`${options.out} 中没有审核记录（找不到 ${databaseFileName}）`);
  try {
    const store = new SubmissionStore(db);
    const submissions = store.all();
    const duplicates = store.duplicateCounts();
    const mail = storeMailStates(db);
    const entries = submissions.map((submission) => ({
      sha256: submission.sha256,
      file: submission.sourcePath,
      fileName: submission.fileName,
      unit: submission.unit,
      year: submission.year,
      state: stateOf(submission),
      stage: submission.stage,
      // Only a rejection has an error code: the results of checked files are not read.
      errorCode: submission.status === 'rejected' ? (store.resultOf(submission)?.error?.code ?? null) : null,
      findings: { errors: submission.errors, warnings: submission.warnings, infos: submission.infos },
      mail: mail.get(submission.sha256) ?? null,
      duplicates: duplicates.get(submission.sha256) ?? 0,
      supersedes: submission.supersedes,
      supersededBy: submission.supersededBy,
      receivedAt: submission.receivedAt,
      archive: submission.archivePath,
    }));
    if (options.json) {
      await writeChunks(io.stdout, [`${JSON.stringify({ version: 1, submissions: entries }, null, 2)}\n`]);
      return 0;
    }
    const table = renderTable(
      ['SHA256', '文件', '单位', '年度', '状态', '错误', '警告', '提示', '邮件', '重复'],
      entries.map((entry) => [
        entry.sha256.slice(0, 12),
        entry.fileName,
        entry.unit ?? '',
        entry.year === null ? '' : String(entry.year),
        stateLabel[entry.state],
        String(entry.findings.errors),
        String(entry.findings.warnings),
        String(entry.findings.infos),
        entry.mail ? mailStateLabel[entry.mail] : '',
        entry.duplicates > 0 ? `${entry.duplicates}次` : '',
      ]),
    );
    await writeChunks(io.stdout, [`${table}\n\n共${entries.length}份报送。\n`]);
    return 0;
  } finally {
    db.close();
  }
}
