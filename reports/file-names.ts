/**
 * File names for memos and attachments built from text the document supplied (unit names), so they
 * must never escape the output folder or break on Windows, while keeping Chinese readable.
 */
import path from 'node:path';
import type { CheckResult } from './result-schema.js';

/** Longest name in code points: 80 CJK characters are 240 UTF-8 bytes, under the usual 255-byte limit. */
const defaultMaxLength = 80;

const windowsReserved = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;

/** Characters that are invisible or reorder text: a file name must read the same everywhere it is shown. */
const invisible = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

export function safeFileName(text: string, maxLength = defaultMaxLength): string {
  let name = text
    .normalize('NFC')
    .replace(invisible, '')
    .replace(/[/\\:*?"<>|]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/\.{2,}/g, '.')
    .trim()
    // Leading dots hide the file; trailing dots and spaces are dropped by Windows.
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (windowsReserved.test(name)) name = `_${name}`;
  const codePoints = Array.from(name);
  if (codePoints.length > maxLength) {
    name = codePoints
      .slice(0, maxLength)
      .join('')
      .replace(/[.\s]+$/, '');
  }
  return name === '' ? '未命名' : name;
}

/** `<unit>-<year>` for a memo; the file's base name and the sha256 prefix when the unit or year is unknown. */
export function memoBaseName(result: Pick<CheckResult, 'file' | 'sha256' | 'report'>): string {
  const unit = result.report?.unit?.trim();
  const year = result.report?.year;
  if (unit && year !== null && year !== undefined) return safeFileName(`${unit}-${year}`);
  const base = path.basename(result.file.replace(/\\/g, '/'), path.extname(result.file));
  return safeFileName(`${safeFileName(base, 60)}-${result.sha256.slice(0, 8)}`);
}
