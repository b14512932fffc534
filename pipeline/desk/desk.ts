/**
 * The review desk: takes submissions in (check --out and watch), keeps each one's progress in the
 * store, and carries it through its stages exactly once — intake and archive, extraction in the
 * worker pool, result and supersession, inbox move, memo, mail.
 *
 * Ordering: files are read and extracted concurrently, but registered and finished one at a time
 * in the order they were handed in, so a batch gives the same supersessions and memo names every
 * run. A run killed at any moment is resumed from the stages the store recorded.
 */

import { access, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import PQueue from 'p-queue';
import { memoBaseName } from '../../reports/file-names.js';
import type { MemoContext } from '../../reports/memo.js';
import type { CheckResult } from '../../reports/result-schema.js';
import type { RuleConfig } from '../../rules/config.js';
import type { Finding } from '../../rules/finding-schema.js';
import { ByteBudget } from '../check/byte-budget.js';
import { type CheckedResult, complete, statusLine, withExtraction } from '../check/check-result.js';
import { type CheckRunner, type ExtractionRun, inFlightFiles } from '../check/check-runner.js';
import type { RenderedMemo, ResultBytes } from '../check/extract-protocol.js';
import { buildPackages } from '../check/packages.js';
import { fsPath } from '../intake/byte-paths.js';
import { inboxFolders } from '../intake/inbox.js';
import { InboxMover } from '../intake/inbox-mover.js';
import {
  archiveFile,
  archiveRelativePath,
  type IntakeFile,
  readArchived,
  readIntakeFile,
  unreadableFile,
} from '../intake/intake.js';
import { removePartials } from '../support/atomic-write.js';
import { technical } from '../support/internal-error.js';
import type { Logger } from '../support/logger.js';
import { userDetail } from '../support/user-detail.js';
import { runStopper, UserError } from '../support/user-error.js';
import type { Db } from './database.js';
import { applyDecisions } from './decisions.js';
import { diffWithPackage } from './findings-diff.js';
import { memoFits, memoFolder, memoIntact, moveMemoFiles, renderMemo, writeRenderedMemo } from './memo-files.js';
import { StoreOcrCache } from './ocr-page-cache.js';
import { type Submission, SubmissionStore } from './store.js';

export interface DeskOptions {
  readonly outDir: string;
  readonly db: Db;
  readonly runner: CheckRunner;
  readonly logger: Logger;
  /** The watched inbox: handled files are moved out of it. Null for `check`, which never touches its input. */
  readonly inbox?: string | null;
  /** Whether submissions taken in should be mailed (the mail step itself is run by `mailPending`). */
  readonly mailWanted?: boolean;
  /** Files read and extracted at once. */
  readonly jobs: number;
  /** Bytes of files read and not yet extracted, at most (a larger file goes alone). @default 64 MiB */
  readonly maxBytesInFlight?: number;
  readonly now?: () => Date;
  /**
   * Told of an error that stops the whole run (a full disk, a failing store; see runStopper) met while
   * finishing a submission; the submission stays at its recorded stage, to be resumed. Without it such
   * an error is logged like any other.
   */
  readonly onRunStop?: (error: UserError) => void;
}

const defaultBytesInFlight = 64 * 1024 * 1024;

export type SubmitKind = 'new' | 'duplicate' | 'resumed' | 'unreadable' | 'vanished';

export interface SubmitOutcome {
  kind: SubmitKind;
  /** The file's result; for a duplicate, the stored result of the same content under this file's name; null when the file vanished before it could be read. */
  result: CheckResult | null;
  /** When not null, `result` holds everything but its extraction sidecar, which is in these JSON bytes (see CheckedResult). */
  extractionJson: ResultBytes | null;
}

/** A file taken in: what it turned out to be, and its result once finished. */
interface Intake {
  kind: SubmitKind;
  final: Promise<CheckedResult | null>;
}

type ReadOutcome = { file: IntakeFile } | { error: NodeJS.ErrnoException };

type Registration =
  | {
      kind: 'new';
      submission: Submission;
      final: Promise<CheckedResult>;
      extracted: Deferred<ExtractionRun | null>;
      /** Resolves when the file may be extracted: its place in the backlog (see #backlog). */
      turn: Promise<void>;
    }
  | { kind: 'duplicate' | 'resumed'; submission: Submission; final: Promise<CheckedResult> }
  | { kind: 'unreadable'; result: CheckResult }
  | { kind: 'vanished' };

/** A submission put off to the next start because the desk is stopping; not a failure. */
class Deferral extends Error {
  constructor() {
    super('deferred to the next start');
    this.name = 'Deferral';
  }
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  // The finish step awaits it; an early failure must not count as unhandled meanwhile.
  promise.catch(() => {});
  return { promise, resolve, reject };
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** A problem with one submission the desk itself explains to the user, in Chinese (a UserError that does not stop the run). */
class DeskError extends UserError {
  constructor(message: string) {
    super(message, { stopsRun: false });
    this.name = 'DeskError';
  }
}

export class Desk {
  readonly store: SubmissionStore;
  readonly outDir: string;

  /** The rule config of the run, for the package rules the outputs run over the store (SPEC §8). */
  get ruleConfig(): RuleConfig {
    return this.#options.runner.config;
  }

  readonly #options: DeskOptions;
  readonly #queue: PQueue;
  readonly #inFlight = new Map<string, Promise<CheckedResult>>();
  readonly #mover: InboxMover | null;
  readonly #waitingResumes = new Set<Deferred<ExtractionRun | null>>();
  /**
   * Admission (bytes of the budget), registration (the store's record) and finishing (memo, moves,
   * stages) each run one file at a time, in the order files were handed in: concurrency-1 queues.
   * A task that fails does not stop the ones after it.
   */
  readonly #admitQueue = new PQueue({ concurrency: 1 });
  readonly #registerQueue = new PQueue({ concurrency: 1 });
  readonly #finishQueue = new PQueue({ concurrency: 1 });
  readonly #budget: ByteBudget;
  /**
   * The backlog: files let in to be extracted whose finish step has not settled yet. Each file's
   * place in it is one task, added with its finish step (so in finish order) and running from the
   * moment the file may be extracted until its finish step settles: `pending` is exactly the backlog,
   * and the queue's concurrency is its limit, so extraction runs ahead of the (single-threaded,
   * ordered) finishing by that many files at most and a slow finish never piles up extracted reports
   * in memory. p-queue starts tasks in the order they were added, so the places go out in finish
   * order: a file waiting for a place never holds one that an earlier file's finish waits for, and
   * the head of the finish queue always has its place (no deadlock).
   *
   * Not `onSizeLessThan` on the finish queue: its size counts the files registered behind the head
   * too, so the head would wait for its own extraction once that many were registered behind it
   * (a resume registers every unfinished file at once). Not `onSizeLessThan` on this queue either: it
   * wakes every waiter at once, letting more than the limit in, and in no set order.
   */
  readonly #backlog: PQueue;
  /** Pages read by OCR, kept in the store so that a re-check does not recognise them again (issue #14). */
  readonly #ocrCache: StoreOcrCache;

  constructor(options: DeskOptions) {
    this.#options = options;
    this.#ocrCache = new StoreOcrCache(options.db);
    this.outDir = options.outDir;
    this.store = new SubmissionStore(options.db);
    this.#queue = new PQueue({ concurrency: inFlightFiles(options.jobs) });
    this.#backlog = new PQueue({ concurrency: inFlightFiles(options.jobs) * 2 });
    this.#budget = new ByteBudget(options.maxBytesInFlight ?? defaultBytesInFlight);
    this.#mover = options.inbox
      ? new InboxMover({ inbox: options.inbox, store: this.store, logger: options.logger, now: () => this.#now() })
      : null;
  }

  get db(): Db {
    return this.#options.db;
  }

  #now(): Date {
    return this.#options.now?.() ?? new Date();
  }

  get #log(): Logger {
    return this.#options.logger;
  }

  /** Tidies what a crash may have left half-written (our own temporary files only). */
  async prepare(): Promise<void> {
    await removePartials(join(this.outDir, 'archive'));
    await removePartials(join(this.outDir, memoFolder));
    await removePartials(this.outDir);
    if (this.#options.inbox) {
      for (const folder of inboxFolders) await removePartials(join(this.#options.inbox, folder));
    }
    await this.#moveSupersededMemos();
    await this.#repairMemos();
  }

  /**
   * Renders again, from the stored result, any memo that is missing or empty: memo files are not flushed
   * (see writeRenderedMemo), so a power cut can leave the last ones empty; the store, which is, knows them.
   */
  async #repairMemos(): Promise<void> {
    for (const { sha256, memoBase } of this.store.writtenMemos()) {
      if (await memoIntact(this.outDir, memoBase)) continue;
      const submission = this.store.get(sha256);
      if (!submission) continue;
      const result = this.#storedResult(submission);
      await writeRenderedMemo(this.outDir, memoBase, await renderMemo(result, this.memoContext(submission, result)));
      this.#log.warn(
        'memo-repaired',
        { sha256, memoBase },
        `审核意见「${memoBase}」缺失或为空，已按保存的审核结果重新生成`,
      );
    }
  }

  /** Renames superseded memos away from the plain names the store has given to the current submissions. */
  async #moveSupersededMemos(): Promise<void> {
    for (const move of this.store.pendingMemoMoves()) {
      await moveMemoFiles(this.outDir, move.from, move.to);
      // Cleared only once the files are renamed: until then a restart renames them again (and skips what is done).
      this.store.memoMoveDone(move.sha256);
      this.#log.debug('memo-moved', move);
    }
  }

  /** What the result's `file` says: the path as given to `check`, or the path inside the inbox. */
  #display(path: string): string {
    return this.#options.inbox ? relative(this.#options.inbox, path) : path;
  }

  /** Takes one file in; resolves when it is finished (or recognised as already known). */
  async submit(path: string): Promise<SubmitOutcome> {
    // p-queue keeps a task's promise for a while after the task ran (until it compacts its array), so
    // the task resolves to nothing and hands its outcome over through `handover`, which it then lets go.
    const handover: { started?: Intake } = {};
    const ran = await this.#queue.add(async () => {
      handover.started = await this.#intake(path);
      return true;
    });
    const started = handover.started;
    handover.started = undefined;
    if (!ran || !started) throw new DeskError('文件未能进入处理队列');
    const checked = await started.final;
    return { kind: started.kind, result: checked?.result ?? null, extractionJson: checked?.extractionJson ?? null };
  }

  /** Drops files not started yet (they stay where they are, for the next run) and waits for those in hand. */
  async stop(): Promise<void> {
    this.#queue.clear();
    // Resumed submissions still waiting for a worker are left for the next start, like unread files.
    for (const waiting of this.#waitingResumes) waiting.reject(new Deferral());
    this.#waitingResumes.clear();
    await this.#queue.onIdle();
    await this.#finishQueue.onIdle();
  }

  async #intake(path: string): Promise<Intake> {
    // Admission, reading and registration each keep the order files were handed in: a file waiting
    // for bytes of the budget never holds up one that was handed in before it.
    const admitted = this.#admitQueue.add(() => this.#admit(path));
    const reading: Promise<ReadOutcome> = admitted
      .then(() => readIntakeFile(path, this.#options.runner.limits))
      .then(
        (file) => ({ file }),
        (error: NodeJS.ErrnoException) => ({ error }),
      );
    // Handed over rather than returned: p-queue may hold a task's outcome for a while after it ran,
    // and a registration leads to the file's result.
    const handover: { entry?: Registration } = {};
    const registration = this.#registerQueue.add(async () => {
      handover.entry = await this.#register(path, reading);
    });
    // Awaited below, after the admission: not an unhandled rejection meanwhile.
    registration.catch(() => {});
    const release = await admitted;
    try {
      await registration;
      const entry = handover.entry!;
      handover.entry = undefined;
      if (entry.kind === 'unreadable') return { kind: 'unreadable', final: Promise.resolve(complete(entry.result)) };
      if (entry.kind === 'vanished') return { kind: 'vanished', final: Promise.resolve(null) };
      if (entry.kind !== 'new') return { kind: entry.kind, final: entry.final };
      const { file } = (await reading) as { file: IntakeFile };
      try {
        await archiveFile(this.outDir, file, entry.submission.archivePath);
        this.store.markArchived(file.sha256);
        await entry.turn;
        entry.extracted.resolve(
          await this.#options.runner.check(file, entry.submission.sourcePath, {
            memoDate: this.#now(),
            ocrCache: this.#ocrCache,
          }),
        );
      } catch (error) {
        entry.extracted.reject(error);
      }
      return { kind: 'new', final: entry.final };
    } finally {
      release();
    }
  }

  /** Waits until the file's bytes fit in the budget; files above the size limit are only streamed, never held. */
  async #admit(path: string): Promise<() => void> {
    const size = await stat(fsPath(path)).then(
      (info) => info.size,
      () => 0,
    );
    return this.#budget.acquire(size > this.#options.runner.limits.maxFileBytes ? 0 : size);
  }

  /** Runs one at a time, in the order files were handed in. */
  async #register(path: string, reading: Promise<ReadOutcome>): Promise<Registration> {
    const read = await reading;
    const display = this.#display(path);
    if ('error' in read) {
      // In the inbox a file may be moved away (by us or by the user) between the event and the read.
      if (this.#options.inbox && read.error.code === 'ENOENT') {
        this.#log.debug('vanished', { path });
        return { kind: 'vanished' };
      }
      // Nothing could be read, so there is nothing to fingerprint or archive: the result names the empty content.
      const { result, line } = unreadableFile(display, read.error, this.#options.runner.limits);
      this.#log.error('file-unreadable', { path, code: read.error.code }, line);
      return { kind: 'unreadable', result };
    }
    const { file } = read;
    const known = this.store.get(file.sha256);
    if (known) {
      let running = this.#inFlight.get(file.sha256);
      if (!running && known.stage !== 'done') running = this.#resumeOne(known);
      const sameInboxFile = Boolean(this.#options.inbox) && known.inboxPath === path && !known.inboxMoved;
      if (sameInboxFile)
        return {
          kind: 'resumed',
          submission: known,
          final: running ?? Promise.resolve(complete(this.#storedResult(known))),
        };
      this.store.addSighting(file.sha256, display, 'duplicate', this.#now());
      const line =
        known.sourcePath === display
          ? `${display} 内容未变，沿用此前的审核结果`
          : `重复报送：${display} 与已收到的 ${known.sourcePath} 内容完全相同，不再重复审核`;
      this.#log.info('duplicate', { path, sha256: file.sha256, first: known.sourcePath }, line);
      const original = running ?? Promise.resolve(complete(this.#storedResult(known)));
      const final = original.then(async ({ result, extractionJson }) => {
        await this.#mover?.moveDuplicate(path, display, result);
        // Plain data: the copy under this file's name parses nothing (the sidecar stays in the bytes).
        return { result: { ...result, file: display }, extractionJson };
      });
      return { kind: 'duplicate', submission: known, final };
    }
    const submission = this.store.insertReceived({
      sha256: file.sha256,
      fileName: basename(path),
      sourcePath: display,
      size: file.size,
      format: file.format,
      archivePath: archiveRelativePath(file),
      inboxPath: this.#options.inbox ? path : null,
      mailWanted: Boolean(this.#options.mailWanted),
      receivedAt: this.#now(),
    });
    this.#log.debug('received', { path, sha256: file.sha256, size: file.size, format: file.format });
    const extracted = deferred<ExtractionRun | null>();
    const { final, turn } = this.#chainFinish(submission.sha256, extracted.promise);
    return { kind: 'new', submission, final, extracted, turn };
  }

  #storedResult(submission: Submission): CheckResult {
    const result = this.store.resultOf(submission);
    if (result) return result;
    throw new DeskError(`报送 ${submission.sourcePath} 尚无审核结果`);
  }

  #chainFinish(
    sha256: string,
    extracted: Promise<ExtractionRun | null>,
  ): { final: Promise<CheckedResult>; turn: Promise<void> } {
    // The result is handed over, not returned through p-queue (see #intake).
    const handover: { result?: CheckedResult } = {};
    const step = this.#finishQueue
      .add(async () => {
        handover.result = await this.#finish(sha256, await extracted);
      })
      .then(() => {
        const result = handover.result!;
        handover.result = undefined;
        return result;
      });
    // The file's place in the backlog, held from its turn to extract until its finish step settles.
    const turn = deferred<void>();
    void this.#backlog.add(async () => {
      turn.resolve();
      await step.then(
        () => {},
        () => {},
      );
    });
    step.catch((error: unknown) => {
      if (error instanceof Deferral) return;
      const stopper = this.#options.onRunStop ? runStopper(error) : null;
      if (stopper) {
        // One line for the whole run says it, where the run stops; the submission is resumed next time.
        this.#log.debug('finish-stopped', { sha256, error: technical(error) });
        this.#options.onRunStop!(stopper);
        return;
      }
      const file = this.store.get(sha256)?.sourcePath ?? sha256.slice(0, 8);
      this.#log.error(
        'finish-failed',
        { sha256, file, error: technical(error) },
        `处理 ${file} 时出错，下次启动时将继续处理：${userDetail(error)}`,
      );
    });
    const final = step.finally(() => this.#inFlight.delete(sha256));
    this.#inFlight.set(sha256, final);
    return { final, turn: turn.promise };
  }

  /**
   * Picks up every submission a previous run left unfinished, oldest first, and resolves when they
   * are all finished. Their source files are read again only when the archive copy is missing.
   */
  async resume(): Promise<void> {
    const unfinished = this.store.unfinished();
    if (unfinished.length === 0) return;
    this.#log.info('resume', { count: unfinished.length }, `继续处理上次中断的 ${unfinished.length} 份报送`);
    const finals = unfinished
      .filter((submission) => !this.#inFlight.has(submission.sha256))
      .map((submission) => this.#resumeOne(submission).catch(() => {}));
    await Promise.all(finals);
  }

  /** Carries one unfinished submission on from its recorded stage. */
  #resumeOne(submission: Submission): Promise<CheckedResult> {
    const extracted = deferred<ExtractionRun | null>();
    const { final, turn } = this.#chainFinish(submission.sha256, extracted.promise);
    if (submission.stage === 'received' || submission.stage === 'archived') {
      this.#waitingResumes.add(extracted);
      void this.#queue.add(async () => {
        if (!this.#waitingResumes.delete(extracted)) return;
        try {
          await turn;
          extracted.resolve(await this.#extractStored(submission));
        } catch (error) {
          extracted.reject(error);
        }
      });
    } else {
      extracted.resolve(null);
    }
    return final;
  }

  async #extractStored(submission: Submission): Promise<ExtractionRun> {
    const limits = this.#options.runner.limits;
    if (submission.stage === 'received') {
      const source = submission.inboxPath ?? submission.sourcePath;
      const archived = join(this.outDir, submission.archivePath);
      if (!(await exists(archived))) {
        const file = await readIntakeFile(source, limits);
        if (file.sha256 !== submission.sha256) {
          throw new DeskError(`${source} 的内容已与收到时不同，请重新报送该文件`);
        }
        await archiveFile(this.outDir, file, submission.archivePath);
      }
      this.store.markArchived(submission.sha256);
    }
    const file = await readArchived(this.outDir, submission.archivePath, limits);
    return this.#options.runner.check(file, submission.sourcePath, { memoDate: this.#now(), ocrCache: this.#ocrCache });
  }

  async #finish(sha256: string, run: ExtractionRun | null): Promise<CheckedResult> {
    let submission = this.store.get(sha256)!;
    let memoBase: string | undefined;
    if (run && (submission.stage === 'received' || submission.stage === 'archived')) {
      // The memo name is given in the result's commit: the memo is written next, by this same step.
      const outcome = this.store.recordResult(sha256, run.result, this.#now(), {
        memoBase: memoBaseName(run.result),
        ...(run.extractionJson ? { json: run.extractionJson.json, extractionJson: run.extractionJson } : {}),
      });
      memoBase = outcome.memoBase;
      this.#logChecked(submission, run, outcome.supersedes, outcome.supersededBy);
      submission = this.store.get(sha256)!;
    }
    if (submission.stage === 'received' || submission.stage === 'archived') {
      throw new DeskError(`报送 ${sha256.slice(0, 8)} 未能完成提取`);
    }
    // The result in hand is the one just stored; parsing it back from the store would only cost time.
    const checked = run ?? complete(this.#storedResult(submission));
    const { result } = checked;
    if (this.#mover && submission.inboxPath && !submission.inboxMoved) {
      await this.#mover.moveOut(submission, result);
    }
    // Mail is only ever run for memo-written submissions, so this cannot change while the memo is written.
    const nothingLeft = !submission.mailWanted || submission.mailDone;
    if (submission.stage === 'checked') {
      await this.#writeMemo(submission, checked, run?.memo ?? null, memoBase);
      if (nothingLeft) this.store.markMemoWrittenAndDone(sha256, this.#now());
      else this.store.markMemoWritten(sha256, this.#now());
    } else if (nothingLeft) {
      this.store.markDone(sha256, this.#now());
    }
    return { result, extractionJson: checked.extractionJson };
  }

  #logChecked(
    submission: Submission,
    run: ExtractionRun,
    supersedes: Submission | null,
    supersededBy: string | null,
  ): void {
    const { result } = run;
    const fields = {
      sha256: submission.sha256,
      file: submission.sourcePath,
      status: result.status,
      code: result.error?.code ?? null,
      findings: result.findings.length,
      elapsedMs: run.elapsedMs,
      ...(run.ocrWaitMs ? { ocrWaitMs: run.ocrWaitMs } : {}),
      detail: run.detail,
    };
    const line = statusLine(submission.sourcePath, run);
    if (result.status === 'rejected') this.#log.warn('file-checked', fields, line);
    else this.#log.info('file-checked', fields, line);
    if (supersedes) {
      this.#log.info(
        'superseded',
        { sha256: submission.sha256, supersedes: supersedes.sha256 },
        `${submission.sourcePath} 替代了此前报送的 ${supersedes.sourcePath}`,
      );
    }
    if (supersededBy) {
      this.#log.info(
        'superseded',
        { sha256: submission.sha256, supersededBy },
        `${submission.sourcePath} 已有更新的报送版本，本份标记为已被替代`,
      );
    }
  }

  memoContext(submission: Submission, result: CheckResult): MemoContext {
    const date = new Date(submission.checkedAt ?? submission.receivedAt);
    if (!submission.supersedes) return { date };
    const earlier = this.store.get(submission.supersedes);
    const earlierResult = earlier ? this.store.resultOf(earlier) : null;
    if (!earlier || !earlierResult) return { date };
    return {
      date,
      supersedes: {
        file: earlier.sourcePath,
        sha256: earlier.sha256,
        receivedAt: earlier.receivedAt,
        ...diffWithPackage(
          { earlier: earlierResult.findings, later: result.findings },
          this.#packageFindingsAround(submission, earlierResult, result),
        ),
      },
    };
  }

  /**
   * The package findings (SPEC §6–§8) that involve the resubmission, and those that involved the file it
   * replaced, in the package as it stood otherwise when the resubmission came: so that correcting the
   * basic-data table lists the package.figures-agree error it caused as 已纠正 in the new table's memo,
   * and a memo written again later (after a decision, or repaired) says what it said then, whatever the
   * package's other documents became since (buildPackages keeps the last of each document in this order).
   */
  #packageFindingsAround(
    submission: Submission,
    earlier: CheckResult,
    later: CheckResult,
  ): { earlier: Finding[]; later: Finding[] } {
    const others = this.store
      .packageHistory(submission.sha256)
      .filter((other) => other.seq < submission.seq && other.sha256 !== earlier.sha256)
      .map((other) => this.store.resultOf(other))
      .filter((stored): stored is CheckResult => stored !== null && stored.status === 'checked');
    const involving = (documents: CheckResult[], file: string): Finding[] =>
      buildPackages(documents, this.ruleConfig).flatMap((pkg) =>
        pkg.findings.filter((finding) => finding.evidence.some((evidence) => evidence.file === file)),
      );
    if (others.length === 0) return { earlier: [], later: [] };
    return {
      earlier: earlier.status === 'checked' ? involving([...others, earlier], earlier.file) : [],
      later: later.status === 'checked' ? involving([...others, later], later.file) : [],
    };
  }

  /** Writes the memo the worker rendered, or renders it here when that one does not fit (a resubmission, a new day). */
  async #writeMemo(
    submission: Submission,
    checked: CheckedResult,
    rendered: RenderedMemo | null,
    assigned: string | undefined,
  ): Promise<void> {
    const { result } = checked;
    const base = assigned ?? this.store.assignMemoBase(submission.sha256, memoBaseName(result));
    // The superseded memo leaves the plain name before the current one is written under it.
    await this.#moveSupersededMemos();
    // A resubmission inherits the reviewer's 不采纳 on unchanged findings (issue #15).
    const shown = applyDecisions(this.db, result);
    // The sidecar (evidence locations, the figures the package rules read) is parsed only when needed: for a
    // resubmission's comparison, whose package findings involving this file come from the package rules,
    // which skip a result without it (a returned package finding was left out of 新发现, a standing one
    // listed as 已纠正), and for a memo rendered here.
    const full = (): CheckResult => withExtraction({ result: shown.result, extractionJson: checked.extractionJson });
    const compared = submission.supersedes ? full() : shown.result;
    const context = { ...this.memoContext(submission, compared), dismissed: shown.dismissed };
    const memo =
      rendered && shown.dismissed === 0 && memoFits(rendered, context)
        ? rendered
        : await renderMemo(compared === shown.result ? full() : compared, context);
    await writeRenderedMemo(this.outDir, base, memo);
    this.#log.debug('memo-written', {
      sha256: submission.sha256,
      base,
      rendered: memo === rendered ? 'worker' : 'main',
    });
  }
}
