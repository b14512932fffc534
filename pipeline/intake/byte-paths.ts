/**
 * File names are bytes on Linux, and Windows unzip writes GBK names that are not valid UTF-8. Such a
 * name cannot be a JavaScript string without loss, so the string the pipeline carries is a display
 * form — the name decoded lossily, followed by its bytes in hex — and this registry maps it back to
 * the exact bytes for every file-system call (`fsPath`). A name that is valid UTF-8 is its own string.
 */
import { basename, dirname, sep } from 'node:path';

const byDisplay = new Map<string, Buffer>();

/** Whether the bytes are valid UTF-8 that round-trips (then the plain string names the file exactly). */
export function isUtf8Name(bytes: Buffer): boolean {
  return Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes);
}

/** `<lossy name>[hex:<bytes>]` for a name that is not UTF-8, else the name itself. */
export function displayName(bytes: Buffer): string {
  if (isUtf8Name(bytes)) return bytes.toString('utf8');
  return `${bytes.toString('utf8')}[hex:${bytes.toString('hex')}]`;
}

/** What to hand to `fs` for a path the pipeline carries: the exact bytes when its display form was registered. */
export function fsPath(path: string): string | Buffer {
  return byDisplay.get(path) ?? path;
}

/**
 * The path of entry `name` (bytes) in `folder` (a path the pipeline carries), as the pipeline carries it;
 * registers the exact bytes when the folder or the name is not UTF-8.
 */
export function childPath(folder: string, name: Buffer): string {
  const folderBytes = byDisplay.get(folder);
  const display = `${folder.endsWith(sep) ? folder : folder + sep}${displayName(name)}`;
  if (folderBytes || !isUtf8Name(name)) {
    const parent = folderBytes ?? Buffer.from(folder, 'utf8');
    byDisplay.set(display, Buffer.concat([parent, Buffer.from(folder.endsWith(sep) ? '' : sep), name]));
  }
  return display;
}

/** The exact bytes of the last component of a registered path, or null for a plain one. */
export function nameBytes(path: string): Buffer | null {
  const bytes = byDisplay.get(path);
  if (!bytes) return null;
  const cut = bytes.lastIndexOf(sep.charCodeAt(0));
  return bytes.subarray(cut + 1);
}

/** Whether a path the file system reported as a string was decoded lossily (it holds U+FFFD). */
export function isLossy(path: string): boolean {
  return path.includes('\uFFFD');
}

/** The folder and lossy name of a path, for finding its entry again by bytes. */
export function splitPath(path: string): { folder: string; name: string } {
  return { folder: dirname(path), name: basename(path) };
}
