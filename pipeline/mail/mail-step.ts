/**
 * The mail stage of the desk: hands the memo-written submissions that asked for mail to the mail
 * engine (pipeline/mail.ts), which records each message before sending and never sends the same
 * findings twice; then marks them done. The packages those submissions belong to go along: their
 * findings are mailed once per package, not once per file (SPEC §6–§8). Also reads back each
 * submission's mail state for the summary.
 */
import { basename } from 'node:path';
import { findingKey } from '../../reports/finding-key.js';
import type { MemoForMail } from '../../reports/mail-message.js';
import type { CheckResult, PackageResult } from '../../reports/result-schema.js';
import type { SummaryMailState, SummaryPackage } from '../../reports/summary.js';
import type { Db } from '../desk/database.js';
import { applyDecisions } from '../desk/decisions.js';
import type { Desk } from '../desk/desk.js';
import { readMemoForMail } from '../desk/memo-files.js';
import { packageComparison, packageMemoPaths, packagesFromStore } from '../desk/package-step.js';
import type { Logger } from '../support/logger.js';
import { MailStore, packageMailId, readMailStates } from './mail-store.js';

export interface MailStepOptions {
  readonly contactsFile: string;
  readonly logger: Logger;
}

/** Checks the contact list before any work starts, so a broken list stops the run (exit 2) instead of each mail. */
export async function assertContactsUsable(contactsFile: string): Promise<void> {
  const { loadContacts } = await import('./contacts.js');
  loadContacts(contactsFile);
}

export async function mailPending(desk: Desk, options: MailStepOptions): Promise<void> {
  const pending = desk.store
    .all()
    .filter((submission) => submission.mailWanted && !submission.mailDone && submission.stage === 'memo-written');
  if (pending.length === 0) return;
  // A submission replaced within the same batch is history: only the current version is mailed.
  const current = pending.filter((submission) => submission.supersededBy === null);
  const memoBases = new Map(current.map((submission) => [submission.sha256, submission.memoBase!]));
  // Left for the next mail run when this one's time budget was spent before their turn.
  const deferred = new Set<string>();
  if (current.length > 0) {
    // Loaded on demand: nodemailer is only needed when mail is asked for.
    const { runMail } = await import('./mail.js');
    const results = current.map((submission) => applyDecisions(desk.db, desk.store.resultOf(submission)!).result);
    const report = await runMail({
      outDir: desk.outDir,
      contactsFile: options.contactsFile,
      results,
      packages: packageMails(desk, results),
      database: desk.db,
      log: (line) => options.logger.info('mail', {}, line),
      memoFor: (result) => readMemoForMail(desk.outDir, memoBases.get(result.sha256)!),
    });
    for (const entry of report.entries) if (entry.deferred) deferred.add(entry.sha256);
  }
  const now = new Date();
  for (const submission of pending) {
    if (deferred.has(submission.sha256)) continue;
    desk.store.markMailDone(submission.sha256);
    desk.store.markDone(submission.sha256, now);
  }
}

/**
 * The packages the mailed submissions belong to, each with its memo rendered from the documents the
 * store holds now (the written one is refreshed only after the mail step). Also what the desk's
 * 重新发送 resends of a unit's package.
 */
export function packageMails(desk: Desk, results: readonly CheckResult[]) {
  // A package whose documents now agree still goes along when the unit was told of findings: the mail run
  // notes them corrected, so that one coming back with a later resubmission is told again.
  const ledger = MailStore.open(desk.db);
  const packages = packagesFromStore(desk.store, results, desk.ruleConfig).filter(
    (pkg) => pkg.findings.length > 0 || ledger.toldPackageFindings(packageMailId(pkg)).size > 0,
  );
  const memo = async (pkg: PackageResult): Promise<MemoForMail> => {
    const { renderPackageMemoDocx, renderPackageMemoHtml } = await import('../../reports/package-memo.js');
    // The package's documents as the store holds them: those of one of its mailed files' package.
    const member = results.find((result) => pkg.files.includes(result.file));
    const byFile = new Map<string, CheckResult>();
    for (const submission of member ? desk.store.currentPackage(member.sha256) : []) {
      const result = desk.store.resultOf(submission);
      if (result) byFile.set(result.file, result);
    }
    const documents = pkg.files.map((file) => byFile.get(file)).filter((r): r is CheckResult => r !== undefined);
    const date = new Date();
    // The memo attached says what the written one says, its comparison with the package before included.
    const options = { comparison: packageComparison(desk.store, desk.store.all(), pkg, desk.ruleConfig) };
    return {
      html: renderPackageMemoHtml(pkg, documents, date, options),
      docx: await renderPackageMemoDocx(pkg, documents, date, options),
      docxName: basename(packageMemoPaths(pkg).docx),
    };
  };
  return packages.map((pkg) => ({ package: pkg, memo: () => memo(pkg) }));
}

/** Mail states by submission sha256, from the mail engine's ledger in the same SQLite file. */
export function storeMailStates(db: Db): Map<string, SummaryMailState> {
  return readMailStates(db);
}

export function mailStates(desk: Desk): Map<string, SummaryMailState> {
  return storeMailStates(desk.db);
}

/**
 * The packages as the summary shows them: each with where its own message stands (the ledger keeps a
 * package's messages under packageMailId), so a unit's 邮件 cell also tells of its package mail.
 */
export function withPackageMailStates(
  packages: readonly PackageResult[],
  mailStates: ReadonlyMap<string, SummaryMailState>,
): SummaryPackage[] {
  return packages.map((pkg) => {
    const state = mailStates.get(packageMailId(pkg)) ?? null;
    // 未配置联系人 tells why findings went unmailed: once the documents agree, there is nothing to send.
    return { ...pkg, mailState: state === 'no-contact' && pkg.findings.length === 0 ? null : state };
  });
}

/**
 * Notes, for each package as the store holds it now, the told package findings that no longer stand (a
 * resubmission corrected them), whether or not this run mails: one that a later resubmission brings
 * back is then mailed again, even when the run that saw the correction sent no mail.
 */
export function noteCorrectedPackageFindings(db: Db, packages: readonly PackageResult[], now: Date): void {
  const ledger = MailStore.open(db);
  for (const pkg of packages) {
    ledger.notePackageCorrections(packageMailId(pkg), pkg.findings.map(findingKey), now);
  }
}
