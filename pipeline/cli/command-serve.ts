/**
 * `review-desk serve --out DIR [--inbox INBOX] [--port 8370] [--host 127.0.0.1] [--password-file F]`:
 * the reviewer's desk in a browser, on the same store as check, watch and status. With --inbox the
 * watcher runs in the same process. Any address but this computer's needs a password file.
 * Runs until SIGINT/SIGTERM.
 */
import { EventEmitter } from 'node:events';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { watch } from 'chokidar';
import { safeFileName } from '../../reports/file-names.js';
import { CheckRunner } from '../check/check-runner.js';
import { CoalescedStep } from '../desk/coalesced-step.js';
import { openDatabase } from '../desk/database.js';
import { applyDecisions } from '../desk/decisions.js';
import { Desk } from '../desk/desk.js';
import { readMemoForMail, renderMemo, writeRenderedMemo } from '../desk/memo-files.js';
import { acquireOutputLock } from '../desk/output-lock.js';
import { refreshOutputs } from '../desk/output-refresh.js';
import { summaryRows, writeSummaries } from '../desk/outputs.js';
import { allPackages } from '../desk/package-step.js';
import type { Submission } from '../desk/store.js';
import { mailPending, packageMails, storeMailStates, withPackageMailStates } from '../mail/mail-step.js';
import { packageMailId } from '../mail/mail-store.js';
import { archivedReaders } from '../serve/archived-model.js';
import { pageImageDpi } from '../serve/desk-view.js';
import { PageImages } from '../serve/page-images.js';
import { loadPasswordFile, type PasswordCheck } from '../serve/password.js';
import { createDeskApp, type UploadedFile } from '../serve/server.js';
import { technical } from '../support/internal-error.js';
import { createLogger } from '../support/logger.js';
import { userDetail } from '../support/user-detail.js';
import type { CliIo } from './cli-io.js';
import { prepareOutputFolder, UsageError } from './cli-io.js';
import { inboxIgnore } from './command-watch.js';
import { loadPipelineConfig } from './pipeline-config.js';

export interface ServeCommandOptions {
  out: string;
  inbox?: string;
  port?: number;
  host?: string;
  passwordFile?: string;
  contacts?: string;
  config?: string;
  jobs?: number;
}

export const defaultPort = 8370;
export const uploadFolder = 'uploads';

/** Addresses that only this computer can reach. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolveSignal) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolveSignal(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/** A name for an uploaded file in its folder: the sanitised base name, numbered when taken. */
async function freeName(folder: string, name: string): Promise<string> {
  const extension = extname(name)
    .toLowerCase()
    .replace(/[^.a-z0-9]/g, '')
    .slice(0, 8);
  const stem = safeFileName(basename(name, extname(name)) || '上传文件', 80);
  for (let i = 0; ; i++) {
    const candidate = join(folder, `${stem}${i === 0 ? '' : `-${i}`}${extension}`);
    if (!(await stat(candidate).catch(() => null))) return candidate;
  }
}

export async function runServeCommand(options: ServeCommandOptions, io: CliIo): Promise<number> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host) && !options.passwordFile) {
    throw new UsageError(
      `在本机以外的地址 ${host} 上提供审核台必须设置密码：请先运行「review-desk passwd 密码文件」生成密码文件，` +
        '再加上 --password-file 密码文件；只在本机使用时请去掉 --host（默认 127.0.0.1）。',
    );
  }
  const password: PasswordCheck | null = options.passwordFile
    ? await loadPasswordFile(resolve(io.cwd, options.passwordFile))
    : null;
  const config = loadPipelineConfig(options.config, io.cwd);
  const outDir = resolve(io.cwd, options.out);
  const inbox = options.inbox ? resolve(io.cwd, options.inbox) : null;
  if (inbox) {
    const info = await stat(inbox).catch(() => null);
    if (!info?.isDirectory()) throw new UsageError(`找不到收件文件夹：${options.inbox}`);
    if (inbox === outDir) throw new UsageError('输出文件夹不能就是收件文件夹，请另选一个文件夹');
  }
  await prepareOutputFolder(outDir, options.out);
  // With --inbox the desk also takes files in, as `watch` does: one writer per output folder. Without
  // it the desk only records decisions (SQLite, WAL) and re-renders memos beside a running check.
  const lock = inbox ? acquireOutputLock(outDir) : null;
  const contactsFile = options.contacts ? resolve(io.cwd, options.contacts) : null;
  const logger = createLogger({ outDir, stderr: io.stderr, verbose: io.verbose ?? false });
  const db = openDatabase(outDir);
  const jobs = options.jobs ?? io.defaultJobs;
  const runner = new CheckRunner({ jobs, limits: config.limits, config: config.rules });
  const desk = new Desk({ outDir, db, runner, logger, inbox, mailWanted: Boolean(contactsFile), jobs });
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const onError = (error: unknown): void => {
    logger.error('step-failed', { error: technical(error) }, `更新汇总和结果文件时出错：${userDetail(error)}`);
  };
  const mail = () => (contactsFile ? mailPending(desk, { contactsFile, logger }) : Promise.resolve());
  const refresher = new CoalescedStep(
    async () => {
      await mail();
      await refreshOutputs(desk);
      events.emit('changed');
    },
    { onError },
  );

  const rewriteMemo = async (submission: Submission): Promise<void> => {
    const current = desk.store.get(submission.sha256);
    const result = current ? desk.store.resultOf(current) : null;
    if (!current || !result || !current.memoBase) return;
    const shown = applyDecisions(db, result);
    const context = { ...desk.memoContext(current, shown.result), dismissed: shown.dismissed };
    await writeRenderedMemo(outDir, current.memoBase, await renderMemo(shown.result, context));
  };

  const upload = async (files: readonly UploadedFile[]): Promise<string> => {
    const folder = inbox ?? join(outDir, uploadFolder);
    await mkdir(folder, { recursive: true });
    const lines: string[] = [];
    for (const file of files) {
      const path = await freeName(folder, file.name);
      await writeFile(path, file.bytes, { flag: 'wx' });
      if (inbox) {
        lines.push(`${file.name} 已放入收件文件夹，稍后自动审核`);
        continue;
      }
      const outcome = await desk.submit(path);
      const result = outcome.result;
      lines.push(
        !result
          ? `${file.name} 未能读取`
          : result.status === 'rejected'
            ? `${file.name} 已退回：${result.error?.message ?? ''}`
            : outcome.kind === 'duplicate'
              ? `${file.name} 与已收到的文件相同，不重复审核`
              : `${file.name} 已审核：发现问题${result.findings.length}项`,
      );
    }
    if (!inbox) {
      refresher.request();
      await refresher.settled();
    }
    return lines.join('；');
  };

  const resendMail = async (submissions: readonly Submission[]): Promise<string> => {
    if (!contactsFile) return '启动审核台时没有指定联系人文件（--contacts），无法发送邮件。';
    const { mailOutcomeLabel, runMail } = await import('../mail/mail.js');
    const current = submissions.flatMap((submission) => {
      const result = submission.memoBase ? desk.store.resultOf(submission) : null;
      return result ? [{ submission, result }] : [];
    });
    const results = current.map(({ result }) => applyDecisions(db, result).result);
    // The unit's package message too (its findings across the documents), failed or not, as the documents'.
    const packages = packageMails(desk, results);
    const packageIds = new Set(packages.map((item) => packageMailId(item.package)));
    const report = await runMail({
      outDir,
      contactsFile,
      results,
      packages,
      database: db,
      force: true,
      memoFor: (result) =>
        readMemoForMail(
          outDir,
          current.find(({ submission }) => submission.sha256 === result.sha256)!.submission.memoBase!,
        ),
    });
    await refreshOutputs(desk);
    const sentEntries = report.entries.filter((entry) => entry.state === 'sent' || entry.state === 'outbox');
    const sent = sentEntries.length;
    const packageSent = sentEntries.filter((entry) => packageIds.has(entry.sha256)).length;
    // Each message not sent, named (a document's file, or the unit's 报送材料 for the package message).
    const why = (entries: typeof report.entries): string =>
      entries.map((entry) => `${entry.file}：${entry.error ?? mailOutcomeLabel[entry.state]}`).join('；');
    const unsent = report.entries.filter((entry) => entry.state === 'failed' || entry.state === 'pending');
    return sent > 0
      ? `已重新发送${sent}封邮件${packageSent > 0 ? `（含报送材料核对${packageSent}封）` : ''}（${report.destination}）。` +
          (unsent.length > 0 ? `另有${unsent.length}封未能发出：${why(unsent)}` : '')
      : `没有发出邮件：${why(report.entries) || '没有可发送的结果'}`;
  };

  const pageImages = new PageImages(outDir, pageImageDpi, { limits: config.limits });
  const app = await createDeskApp({
    outDir,
    db,
    store: desk.store,
    pageImages,
    password,
    events,
    inbox: inbox !== null,
    upload,
    afterDecision: async (submission) => {
      // The decision holds for every document of the unit and year that has the finding.
      const unitKey = desk.store.get(submission.sha256)?.unit;
      const related = desk.store
        .all()
        .filter((other) => other.unit === unitKey && other.year === submission.year && other.memoBase);
      for (const other of related) await rewriteMemo(other);
      // Only the summary follows a decision: results.json stays what the check printed.
      const submissions = desk.store.all();
      const states = storeMailStates(db);
      await writeSummaries(
        outDir,
        summaryRows(
          submissions,
          states,
          (sha256) => desk.store.resultJsonWithoutText(sha256),
          (result) => applyDecisions(db, result).result,
        ),
        // The package findings and package mail stay on the summary, as refreshOutputs writes them.
        withPackageMailStates(allPackages(desk.store, submissions, desk.ruleConfig), states),
      );
    },
    resendMail,
    ...archivedReaders(outDir, db, config.limits),
    maxUploadBytes: config.limits.maxFileBytes * 4,
    reviewerName: `${os.userInfo().username}（本机）`,
    logError: (error) =>
      logger.error('request-failed', { error: technical(error) }, `审核台出错：${userDetail(error)}`),
  });

  const signal = untilSignal();
  let watcher: ReturnType<typeof watch> | null = null;
  try {
    await desk.prepare();
    // A store written before result digests gets them now, once, rather than on the first batch page.
    desk.store.fillResultDigests();
    const server = await new Promise<ReturnType<typeof serve>>((resolveServer, rejectServer) => {
      const started = serve({ fetch: app.fetch, hostname: host, port: options.port ?? defaultPort }, () =>
        resolveServer(started),
      );
      started.once('error', (error: NodeJS.ErrnoException) =>
        rejectServer(
          new UsageError(
            error.code === 'EADDRINUSE'
              ? `端口 ${options.port ?? defaultPort} 已被占用，请用 --port 换一个端口`
              : `无法在 ${host} 上启动审核台：${error.message}`,
          ),
        ),
      );
    });
    const address = server.address() as AddressInfo;
    const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const url = `http://${shownHost}:${address.port}/`;
    logger.info('serving', { url, outDir }, `审核台已启动：${url} （在浏览器中打开；按 Ctrl+C 结束）`);
    if (inbox) {
      void desk.resume().then(() => refresher.request(), onError);
      watcher = watch(inbox, {
        ignored: inboxIgnore(inbox, outDir),
        ignoreInitial: false,
        awaitWriteFinish: { stabilityThreshold: 1000, pollInterval: 100 },
      });
      const handle = (path: string): void => {
        desk.submit(resolve(path)).then(
          () => refresher.request(),
          (error: unknown) =>
            logger.error(
              'submit-failed',
              { path, error: technical(error) },
              `处理 ${path} 时出错：${userDetail(error)}`,
            ),
        );
      };
      watcher.on('add', handle);
      watcher.on('change', handle);
      watcher.on('error', (error) =>
        logger.error('watch-error', { error: technical(error) }, `监视收件文件夹时出错：${userDetail(error)}`),
      );
      logger.info('watching', { inbox, outDir }, `同时监视收件文件夹 ${inbox}`);
    }
    await signal;
    await watcher?.close();
    server.close();
    await desk.stop();
    refresher.cancel();
    await refresher.settled();
    return 0;
  } finally {
    await pageImages.close();
    await runner.close();
    db.close();
    await logger.close();
    lock?.release();
  }
}
