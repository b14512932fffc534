/**
 * The inbox side of `watch`: moves each handled file to INBOX/processed or INBOX/rejected (with a
 * Chinese reason note beside a rejected one), one move at a time, recording the destination in the
 * store before moving so that a crash between the two is finished on restart, never repeated.
 */
import { basename } from 'node:path';
import type { CheckResult } from '../../reports/result-schema.js';
import { resubmissionAdvice } from '../../reports/verdict.js';
import type { Submission, SubmissionStore } from '../desk/store.js';
import type { Logger } from '../support/logger.js';
import { nameBytes } from './byte-paths.js';
import {
  freeDestination,
  type InboxOutcome,
  inboxEntryProblem,
  MoveQueue,
  moveWithoutOverwrite,
  writeReason,
} from './inbox.js';

export interface InboxMoverOptions {
  readonly inbox: string;
  readonly store: SubmissionStore;
  readonly logger: Logger;
  readonly now: () => Date;
}

const attempts = 5;

function outcomeOf(result: CheckResult): InboxOutcome {
  return result.status === 'rejected' ? 'rejected' : 'processed';
}

export class InboxMover {
  readonly #options: InboxMoverOptions;
  readonly #moves = new MoveQueue();

  constructor(options: InboxMoverOptions) {
    this.#options = options;
  }

  #reasonLines(display: string, result: CheckResult, note: string | null): string[] {
    const code = result.error?.code;
    return [
      `文件：${display}`,
      '处理结果：已退回',
      `退回原因：${result.error?.message ?? '无法审核'}`,
      ...(code ? [`处理建议：${resubmissionAdvice[code]}`] : []),
      ...(note ? [note] : []),
      `SHA256：${result.sha256}`,
      `处理时间：${this.#options.now().toISOString()}`,
    ];
  }

  /** Moves a submission's inbox file out, resuming a move a crash interrupted. */
  moveOut(submission: Submission, result: CheckResult): Promise<void> {
    const { inbox, store, logger } = this.#options;
    const source = submission.inboxPath!;
    const outcome = outcomeOf(result);
    return this.#moves.run(async () => {
      // Never move a file whose real place is outside the inbox (reached through a symlinked folder).
      const problem = submission.inboxDest ? null : await inboxEntryProblem(source, inbox);
      if (problem) {
        logger.warn('inbox-not-moved', { source, problem }, `未移动 ${submission.sourcePath}：${problem}`);
        store.markInboxMoved(submission.sha256);
        return;
      }
      let destination = submission.inboxDest;
      for (let attempt = 0; attempt < attempts; attempt++) {
        if (!destination) {
          destination = await freeDestination(inbox, outcome, basename(source), nameBytes(source));
          store.setInboxDest(submission.sha256, destination);
        }
        if (outcome === 'rejected') {
          await writeReason(destination, this.#reasonLines(submission.sourcePath, result, null));
        }
        const state = await moveWithoutOverwrite(source, destination);
        if (state === 'destination-taken') {
          destination = null;
          continue;
        }
        if (state === 'source-missing') {
          logger.warn('inbox-missing', { source }, `${submission.sourcePath} 已不在收件夹中（原件已存档）`);
        } else {
          logger.debug('inbox-moved', { source, destination });
        }
        store.markInboxMoved(submission.sha256);
        return;
      }
      throw new Error(
        `无法为 ${submission.sourcePath} 在收件夹中找到可用的文件名，请清理 processed 或 rejected 文件夹`,
      );
    });
  }

  /** Moves a file whose content was already received beside its original's outcome. */
  moveDuplicate(path: string, display: string, original: CheckResult): Promise<void> {
    const outcome = outcomeOf(original);
    return this.#moves.run(async () => {
      if (await inboxEntryProblem(path, this.#options.inbox)) return;
      for (let attempt = 0; attempt < attempts; attempt++) {
        const destination = await freeDestination(this.#options.inbox, outcome, basename(path), nameBytes(path));
        if (outcome === 'rejected') {
          const note = `说明：与此前报送的 ${original.file} 内容完全相同，沿用其审核结果`;
          await writeReason(destination, this.#reasonLines(display, original, note));
        }
        if ((await moveWithoutOverwrite(path, destination)) !== 'destination-taken') return;
      }
    });
  }
}
