// Loaded with `node --import` where the test cannot mount a small tmpfs: after the first
// REVIEW_DESK_FAULT_AFTER files opened for writing under REVIEW_DESK_FAULT_DIR, every further
// open for writing there fails with ENOSPC, as on a disk that has just filled up.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { resolve, sep } from 'node:path';

const dir = resolve(process.env.REVIEW_DESK_FAULT_DIR ?? '/nonexistent');
let left = Number(process.env.REVIEW_DESK_FAULT_AFTER ?? '0');

function full(path, flags) {
  const text = Buffer.isBuffer(path) ? path.toString() : String(path);
  const writing = typeof flags === 'string' ? /[wa+]/.test(flags) : typeof flags === 'number' && (flags & 3) !== 0;
  if (!writing || !resolve(text).startsWith(dir + sep)) return false;
  if (left > 0) {
    left--;
    return false;
  }
  return true;
}

function enospc(path) {
  return Object.assign(new Error(`ENOSPC: no space left on device, open '${path}'`), {
    code: 'ENOSPC',
    errno: -28,
    syscall: 'open',
    path: String(path),
  });
}

const open = fs.promises.open;
fs.promises.open = async (path, flags, mode) => {
  if (full(path, flags)) throw enospc(path);
  return open(path, flags, mode);
};
const openSync = fs.openSync;
fs.openSync = (path, flags, mode) => {
  if (full(path, flags)) throw enospc(path);
  return openSync(path, flags, mode);
};
syncBuiltinESMExports();
