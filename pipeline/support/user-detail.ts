/**
 * What a finance officer is told about an error during a long-running step (a file's finish, the
 * summary rewrite, mail, the folder watcher): our own errors already carry a Chinese message that
 * says what to do; a file-system error gets a Chinese reason; anything else (English, technical)
 * stays in the log file and the line points there.
 */
import { basename } from 'node:path';
import { partialSuffix } from './atomic-write.js';
import { logFileName } from './logger.js';
import { asUserError } from './user-error.js';

const fileSystemReasons: Readonly<Record<string, string>> = {
  EISDIR: '该位置已有同名文件夹，请将其移走或改名',
  ENOTDIR: '路径中应为文件夹的位置是一个文件，请将其移走或改名',
  EACCES: '没有写入权限',
  EPERM: '没有写入权限',
  EROFS: '所在磁盘为只读',
  ENOSPC: '磁盘空间不足',
  EDQUOT: '磁盘空间不足',
  EBUSY: '文件正被其他程序占用（例如在 Excel 中打开），请关闭后再试',
  ENOENT: '文件或文件夹已被移走',
};

/** atomic-write's temporary name `.<name>.<8 hex>.partial`, to name the file being written instead. */
const temporaryName = new RegExp(`^\\.(.+)\\.[0-9a-f]{8}${partialSuffix.replace('.', '\\.')}$`);

/** The file a system error is about, as the officer knows it (the target, not our temporary name). */
function fileOf(error: NodeJS.ErrnoException & { dest?: string }): string | null {
  const path = error.dest ?? error.path;
  if (typeof path !== 'string') return null;
  const name = basename(path);
  return temporaryName.exec(name)?.[1] ?? name;
}

/** A Chinese sentence about the error, safe to show: never a stack or a library's English message. */
export function userDetail(error: unknown): string {
  const user = asUserError(error);
  if (user) return user.message;
  const systemError = error as (NodeJS.ErrnoException & { dest?: string }) | null;
  const reason = typeof systemError?.code === 'string' ? fileSystemReasons[systemError.code] : undefined;
  const more = `详情见输出文件夹中的 ${logFileName}`;
  if (reason === undefined) return more;
  const file = fileOf(systemError!);
  return `${file ? `${file}：` : ''}${reason}（${more}）`;
}
