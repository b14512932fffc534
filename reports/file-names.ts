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

/**
 * Longest name in UTF-8 bytes: a memo name gets `-<8 hex>` when superseded, `.docx`, and a temporary
 * tag while written, and the whole must stay within the 255-byte limit (4-byte characters, emoji, are
 * possible in a unit name).
 */
const defaultMaxBytes = 240;

function withinBytes(name: string, maxBytes: number): string {
  if (Buffer.byteLength(name) <= maxBytes) return name;
  let out = '';
  for (const point of name) {
    if (Buffer.byteLength(out + point) > maxBytes) break;
    out += point;
  }
  return out.replace(/[.\s]+$/, '');
}

export function safeFileName(text: string, maxLength = defaultMaxLength, maxBytes = defaultMaxBytes): string {
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
  name = withinBytes(name, maxBytes);
  return name === '' ? '未命名' : name;
}

/**
 * Control characters (a newline, an escape sequence) and bidi overrides in a file name, made visible
 * as `\xNN` / `\u{NNNN}`: a crafted name printed on a terminal or in the summary must not forge a
 * progress line or recolour the screen.
 */
export function printableName(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (char) => {
    const code = char.codePointAt(0)!;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

/** What a memo name adds for each document of a unit's package beside the report (SPEC §6). */
const kindSuffixes: Record<string, string> = {
  'overall-form': '-部门整体支出绩效自评表',
  'basic-data': '-基础数据表',
};

/**
 * `<unit>-<year>` for a report's memo, `<unit>-<year>-<document>` for the unit's other documents (a
 * project form by its project), so that each current document of a package keeps its own memo; the
 * file's base name and the sha256 prefix when the unit or year is unknown.
 */
export function memoBaseName(result: Pick<CheckResult, 'file' | 'sha256' | 'report'>): string {
  const unit = result.report?.unit?.trim();
  const year = result.report?.year;
  const kind = result.report?.kind ?? 'report';
  const suffix =
    kind === 'project-form' ? `-${result.report?.project?.trim() || '项目支出绩效自评表'}` : (kindSuffixes[kind] ?? '');
  if (unit && year !== null && year !== undefined) return safeFileName(`${unit}-${year}${suffix}`);
  const base = path.basename(result.file.replace(/\\/g, '/'), path.extname(result.file));
  return safeFileName(`${safeFileName(base, 60, defaultMaxBytes - 9)}-${result.sha256.slice(0, 8)}`);
}
