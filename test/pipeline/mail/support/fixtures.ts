/** Temp output folders and contact lists for the mail tests. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function tempOutDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'review-desk-mail-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function writeContacts(dir: string, csv: string, name = 'contacts.csv'): string {
  const file = path.join(dir, name);
  writeFileSync(file, csv);
  return file;
}

/** The bureau's list for the batch the tests send: 平等乡 with two cc, 县教育局, 城关镇 (short name). */
export const batchContactsCsv = [
  'unit,email,cc',
  '平等乡人民政府,pingdeng@example.cn,caizheng@example.cn; jixiao@example.cn',
  '县教育局,jiaoyu@example.cn,',
  '城关镇,chengguan@example.cn,',
  '',
].join('\n');
