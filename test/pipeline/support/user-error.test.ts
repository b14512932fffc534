/**
 * Every error written for the officer is a UserError, recognised in one place (`asUserError`), with
 * the exit code it stops a command with; the machine's own failures (a full disk, a failing store)
 * are turned into one, and errors about a single file do not stop the run.
 */
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../pipeline/cli/cli-io.js';
import { DamagedDatabaseError } from '../../../pipeline/desk/database.js';
import { OutputLockedError } from '../../../pipeline/desk/output-lock.js';
import { MissingPathError } from '../../../pipeline/intake/collect-files.js';
import { ArchiveError } from '../../../pipeline/intake/intake.js';
import { ContactsError } from '../../../pipeline/mail/contacts.js';
import { MailSetupError } from '../../../pipeline/mail/mail-transport.js';
import {
  asUserError,
  DiskFullError,
  runStopper,
  StoreFailedError,
  UserError,
} from '../../../pipeline/support/user-error.js';
import { ConfigError } from '../../../rules/config.js';

function caught(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('UserError', () => {
  it('is the base of every user-facing error, each exiting 2', () => {
    const errors = [
      new UsageError('x'),
      new MissingPathError('a.docx'),
      new DamagedDatabaseError('/tmp/x'),
      new MailSetupError('x'),
      new ContactsError('x'),
      new OutputLockedError({ pid: 1, startedAt: '', processStart: null, host: 'h' }),
      new DiskFullError(),
    ];
    for (const error of errors) {
      expect(error).toBeInstanceOf(UserError);
      expect(asUserError(error)).toBe(error);
      expect(error.exitCode).toBe(2);
    }
  });

  it('recognises the rules’ ConfigError (upstream, no subclass) with its message', () => {
    const user = asUserError(new ConfigError('配置项 rulez 无效', 'rulez'));
    expect(user).toBeInstanceOf(UserError);
    expect(user?.message).toBe('配置项 rulez 无效');
  });

  it('turns a real ENOSPC, also wrapped in an archive error, into the full-disk stop', () => {
    const enospc = caught(() => writeFileSync('/dev/full', 'x'));
    expect(asUserError(enospc)).toBeInstanceOf(DiskFullError);
    const wrapped = new ArchiveError('无法存档 a.docx：磁盘空间不足', { cause: enospc });
    expect(runStopper(wrapped)).toBeInstanceOf(DiskFullError);
    expect(runStopper(wrapped)?.message).toMatch(/^输出目录所在磁盘已满/);
  });

  it('turns a real SQLite failure into a store stop', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (x)');
    db.pragma('query_only = ON');
    const error = caught(() => db.exec('INSERT INTO t VALUES (1)'));
    db.close();
    expect(runStopper(error)).toBeInstanceOf(StoreFailedError);
  });

  it('leaves a plain SQL mistake (a bug of ours) to the internal-error path', () => {
    const db = new Database(':memory:');
    const error = caught(() => db.exec('SELECT no_such_column FROM sqlite_master'));
    db.close();
    expect(asUserError(error)).toBeNull();
  });

  it('lets an error about one file, or a bug, leave the run going', () => {
    expect(runStopper(new ArchiveError('无法存档 a.docx：存档过程中文件被改动'))).toBeNull();
    expect(asUserError(new ArchiveError('无法存档 a.docx'))?.stopsRun).toBe(false);
    expect(asUserError(new TypeError('x is undefined'))).toBeNull();
  });
});
