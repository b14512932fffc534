/**
 * `review-desk watch INBOX --out DIR [--mail --contacts FILE] [--config FILE]`: checks what is in
 * the inbox at start and then every file that arrives or changes, once it has finished being
 * written; moves each handled file to INBOX/processed or INBOX/rejected. Runs until SIGINT/SIGTERM,
 * then finishes the files in hand and exits 0 (1 when the last update of the outputs failed). What
 * goes wrong on the way is told in Chinese; the technical details go to DIR/review-desk.log.
 */
import { lstat, stat } from 'node:fs/promises';
import { basename, relative, resolve, sep } from 'node:path';
import { watch } from 'chokidar';
import { CheckRunner } from '../check/check-runner.js';
import { CoalescedStep } from '../desk/coalesced-step.js';
import { type Db, openDatabase } from '../desk/database.js';
import { Desk } from '../desk/desk.js';
import { acquireOutputLock, type LockHolder } from '../desk/output-lock.js';
import { refreshOutputs } from '../desk/output-refresh.js';
import { fsPath } from '../intake/byte-paths.js';
import { isIgnoredName } from '../intake/ignore-rules.js';
import { inboxEntryProblem, inboxFolders, nonUtf8Entries } from '../intake/inbox.js';
import { mailPending } from '../mail/mail-step.js';
import { technical } from '../support/internal-error.js';
import type { Logger } from '../support/logger.js';
import { userDetail } from '../support/user-detail.js';
import type { CliIo } from './cli-io.js';
import { prepareOutputFolder, UsageError } from './cli-io.js';
import { validateMailOptions } from './command-check.js';
import { loadPipelineConfig, type PipelineConfig } from './pipeline-config.js';
import { ocrPageLabel } from './progress-display.js';
import { startRunLogging } from './run-logger.js';

export interface WatchCommandOptions {
  out: string;
  mail?: boolean;
  contacts?: string;
  config?: string;
  jobs?: number;
  /** How long a file must stay unchanged before it counts as completely written. @default 1000 */
  stabilityMs?: number;
}

function isInside(child: string, parent: string): boolean {
  const path = relative(parent, child);
  return path !== '' && !path.startsWith('..') && !path.startsWith(sep) && path !== '..';
}

/** What the watcher must not report: our own sub-folders, the output folder, lock and temporary files. */
export function inboxIgnore(inbox: string, outDir: string): (path: string) => boolean {
  const own = inboxFolders.map((folder) => resolve(inbox, folder));
  return (path: string) => {
    const absolute = resolve(path);
    if (absolute === inbox) return false;
    if (own.some((folder) => absolute === folder || isInside(absolute, folder))) return true;
    if (absolute === outDir || isInside(absolute, outDir)) return true;
    return isIgnoredName(basename(absolute));
  };
}

/**
 * The folder watcher never reports a file whose name is not UTF-8 (a GBK name from Windows unzip): it
 * decodes the name lossily and finds no file under it. Such files are found by a scan by bytes every
 * `intervalMs`, and handed on once their size and time have stayed the same for one interval.
 */
function watchNonUtf8Names(
  inbox: string,
  outDir: string,
  intervalMs: number,
  onFile: (path: string) => void,
): { close(): void } {
  const skip = inboxIgnore(inbox, outDir);
  const seen = new Map<string, string>();
  const handed = new Map<string, string>();
  let scanning = false;
  const scan = async (): Promise<void> => {
    if (scanning) return;
    scanning = true;
    try {
      for (const path of await nonUtf8Entries(inbox, skip)) {
        const info = await lstat(fsPath(path)).catch(() => null);
        if (!info) continue;
        const signature = `${info.size}:${info.mtimeMs}`;
        if (seen.get(path) === signature && handed.get(path) !== signature) {
          handed.set(path, signature);
          onFile(path);
        }
        seen.set(path, signature);
      }
    } finally {
      scanning = false;
    }
  };
  const timer = setInterval(() => void scan(), Math.max(intervalMs, 200));
  void scan();
  return { close: () => clearInterval(timer) };
}

function untilSignal(logger: Logger): Promise<NodeJS.Signals> {
  return new Promise((resolveSignal) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      // A second Ctrl-C means "now": the files in hand stay unfinished and are resumed on the next start.
      const force = (): void => {
        logger.warn('forced-exit', {}, '强制退出：未完成的文件将在下次启动时继续处理');
        logger.close();
        process.exit(130);
      };
      process.once('SIGINT', force);
      process.once('SIGTERM', force);
      resolveSignal(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

export async function runWatchCommand(inboxArg: string, options: WatchCommandOptions, io: CliIo): Promise<number> {
  const config = loadPipelineConfig(options.config, io.cwd);
  await validateMailOptions(options, io.cwd);
  const inbox = resolve(io.cwd, inboxArg);
  const info = await stat(inbox).catch(() => null);
  if (!info?.isDirectory()) throw new UsageError(`找不到收件文件夹：${inboxArg}`);
  const outDir = resolve(io.cwd, options.out);
  if (outDir === inbox)
    throw new UsageError('输出文件夹不能就是收件文件夹，请另选一个文件夹（可以是收件文件夹的子文件夹）');
  await prepareOutputFolder(outDir, options.out);
  const lock = acquireOutputLock(outDir);
  try {
    return await watchHoldingLock(inbox, outDir, lock.takenOver, config, options, io);
  } finally {
    lock.release();
  }
}

async function watchHoldingLock(
  inbox: string,
  outDir: string,
  takenOver: LockHolder | null,
  config: PipelineConfig,
  options: WatchCommandOptions,
  io: CliIo,
): Promise<number> {
  const jobs = options.jobs ?? io.defaultJobs;
  const { stop, logger } = startRunLogging(outDir, io, takenOver);
  let db: Db;
  try {
    db = openDatabase(outDir);
  } catch (error) {
    await logger.close();
    throw error;
  }
  // A scanned file can take a minute: the log says each page recognised, as check's bar counts them.
  const onOcrPage = (file: string, pages: number): void =>
    logger.info('ocr-page', { file, pages }, ocrPageLabel(file, pages));
  const runner = new CheckRunner({ jobs, limits: config.limits, config: config.rules, onOcrPage });
  const desk = new Desk({
    outDir,
    db,
    runner,
    logger,
    inbox,
    mailWanted: Boolean(options.mail),
    jobs,
    onRunStop: (error) => stop.offer(error),
  });
  // The officer reads a Chinese line; the stack goes to review-desk.log (and under the line with --verbose).
  // A full disk or a failing store stops the watch instead (exit 2), with one line from the CLI.
  const onError = (error: unknown): void => {
    if (stop.offer(error)) return;
    logger.error('step-failed', { error: technical(error) }, `更新汇总和结果文件时出错：${userDetail(error)}`);
  };
  // A burst of files shares one mail run and one rewrite of the summary (each reads the whole store).
  const mailer = new CoalescedStep(() => mailPending(desk, { contactsFile: options.contacts!, logger }), { onError });
  const refresher = new CoalescedStep(
    async () => {
      await mailer.settled();
      await refreshOutputs(desk);
    },
    { onError },
  );
  let stopping = false;
  const afterEach = (): void => {
    // Once stopping, the shutdown sequence runs the last mail and refresh itself, before closing the store.
    if (stopping) return;
    if (options.mail) mailer.request();
    refresher.request();
  };
  const signal = untilSignal(logger);
  try {
    await desk.prepare();
    void desk.resume().then(afterEach, (error: unknown) => {
      if (stop.offer(error)) return;
      logger.error(
        'resume-failed',
        { error: technical(error) },
        `继续处理上次未完成的文件时出错：${userDetail(error)}`,
      );
    });
    const watcher = watch(inbox, {
      ignored: inboxIgnore(inbox, outDir),
      ignoreInitial: false,
      awaitWriteFinish: { stabilityThreshold: options.stabilityMs ?? 1000, pollInterval: 100 },
      // A symlinked folder is never entered: its files are not the inbox's to read or move.
      followSymlinks: false,
    });
    const handle = async (path: string): Promise<void> => {
      const problem = await inboxEntryProblem(resolve(path), inbox);
      if (problem) {
        logger.warn('file-skipped', { path }, `已跳过 ${relative(inbox, resolve(path))}：${problem}`);
        return;
      }
      desk.submit(resolve(path)).then(afterEach, (error: unknown) => {
        if (stop.offer(error)) return;
        logger.error('submit-failed', { path, error: technical(error) }, `处理 ${path} 时出错：${userDetail(error)}`);
      });
    };
    watcher.on('add', (path) => void handle(path));
    watcher.on('change', (path) => void handle(path));
    const byteNames = watchNonUtf8Names(inbox, outDir, options.stabilityMs ?? 1000, (path) => void handle(path));
    watcher.on('error', (error) =>
      logger.error('watch-error', { error: technical(error) }, `监视收件文件夹时出错：${userDetail(error)}`),
    );
    watcher.on('ready', () => {
      logger.info('watching', { inbox, outDir }, `正在监视 ${inbox}，结果写入 ${outDir}（按 Ctrl+C 结束）`);
    });
    const received = await Promise.race([signal, stop.stopped]);
    if (typeof received === 'string') {
      logger.info('stopping', { signal: received }, '收到结束信号：完成手头的文件后退出……');
    }
    await watcher.close();
    byteNames.close();
    await desk.stop();
    stopping = true;
    // The last mail run and refresh follow below: only one already under way is waited for.
    refresher.cancel();
    mailer.cancel();
    await refresher.settled();
    await mailer.settled();
    // The machine stopped the run: the outputs are left as they were, the files in hand resume next start.
    if (stop.error) throw stop.error;
    // Every file in hand is finished by now: a failed last update is told like the others, not as a crash.
    let lastStepsFailed = false;
    const lastStep = async (step: () => Promise<void>): Promise<void> => {
      await step().catch((error: unknown) => {
        lastStepsFailed = true;
        onError(error);
      });
    };
    if (options.mail) await lastStep(() => mailPending(desk, { contactsFile: options.contacts!, logger }));
    await lastStep(() => refreshOutputs(desk));
    if (stop.error) throw stop.error;
    logger.info('stopped', {}, '已结束监视。');
    return lastStepsFailed ? 1 : 0;
  } finally {
    await runner.close();
    db.close();
    await logger.close();
  }
}
