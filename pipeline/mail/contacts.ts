/**
 * The bureau's contact list (CSV: unit,email,cc — cc optional, several addresses separated by 「;」).
 * It is the ONLY source of recipients: no address is ever taken from a submitted document.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { unitKey } from '../../extractors/text/unit-key.js';
import type { MailContact } from '../../reports/mail-message.js';
import { MailSetupError } from './mail-transport.js';

export interface Contact extends MailContact {
  /** 1-based line in the CSV file, for messages. */
  line: number;
}

/** A contact list that cannot be used as it is; the message (Chinese) names the line and the problem. */
export class ContactsError extends MailSetupError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ContactsError';
  }
}

const columnNames: Record<'unit' | 'email' | 'cc', readonly string[]> = {
  unit: ['unit', '单位', '单位名称'],
  email: ['email', 'to', '邮箱', '电子邮箱', '收件人', '邮件地址'],
  cc: ['cc', '抄送', '抄送人'],
};

/** A plain address (no display name): what a contact list holds, and nothing a header parser could misread. */
const addressPattern =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

export function isValidAddress(address: string): boolean {
  return address.length <= 254 && addressPattern.test(address);
}

function splitAddresses(cell: string): string[] {
  return cell
    .split(/[;；,，\s]+/)
    .map((address) => address.trim())
    .filter((address) => address !== '');
}

/** Excel in a Chinese locale saves CSV as GB18030 unless told otherwise; read both. */
function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function columnIndex(header: readonly string[], key: keyof typeof columnNames): number {
  return header.findIndex((name) => columnNames[key].includes(name.trim().toLowerCase()));
}

export function parseContacts(text: string, source = '联系人表'): Contact[] {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new ContactsError(`${source}不是有效的CSV文件${line ? `（第${line}行附近）` : ''}，请检查引号和逗号。`, {
      cause: error,
    });
  }
  const [header, ...rows] = records;
  const unitColumn = header ? columnIndex(header, 'unit') : -1;
  const emailColumn = header ? columnIndex(header, 'email') : -1;
  const ccColumn = header ? columnIndex(header, 'cc') : -1;
  if (unitColumn < 0 || emailColumn < 0) {
    throw new ContactsError(
      `${source}的第一行应为表头 unit,email,cc（或 单位,邮箱,抄送），实际为：${header?.join(',') ?? '空文件'}`,
    );
  }

  const problems: string[] = [];
  const contacts: Contact[] = [];
  const seen = new Map<string, number>();
  rows.forEach((row, index) => {
    const line = index + 2;
    const unit = (row[unitColumn] ?? '').trim();
    const to = splitAddresses(row[emailColumn] ?? '');
    const cc = ccColumn < 0 ? [] : splitAddresses(row[ccColumn] ?? '');
    if (unit === '' && to.length === 0 && cc.length === 0) return;
    if (unit === '') problems.push(`第${line}行缺少单位名称`);
    if (to.length === 0) problems.push(`第${line}行（${unit}）缺少邮箱地址`);
    for (const address of [...to, ...cc]) {
      if (!isValidAddress(address)) problems.push(`第${line}行（${unit}）的邮箱地址“${address}”无效`);
    }
    const key = unitKey(unit);
    const earlier = seen.get(key);
    if (unit !== '' && earlier !== undefined) problems.push(`单位“${unit}”重复出现（第${earlier}行和第${line}行）`);
    seen.set(key, line);
    contacts.push({ unit, to, cc: cc.filter((address) => !to.includes(address)), line });
  });
  if (problems.length > 0) throw new ContactsError(`${source}有误，未发送任何邮件：${problems.join('；')}。`);
  return contacts;
}

export function loadContacts(file: string): Contact[] {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new ContactsError(
      `无法读取联系人表“${file}”：${(error as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : String(error)}`,
      {
        cause: error,
      },
    );
  }
  return parseContacts(decode(bytes), `联系人表“${path.basename(file)}”`);
}

/**
 * The contact for a unit name: exact match first, then on the unit key that supersession uses too
 * (「峨边县平等乡人民政府」 is the contact 平等乡人民政府). When the document's unit is
 * unknown (a rejected file), the file name is tried: the longest contact unit its name contains.
 */
export function matchContact(
  contacts: readonly Contact[],
  unit: string | null | undefined,
  fileName?: string,
): Contact | null {
  const name = unit?.trim();
  if (name) {
    const exact = contacts.find((contact) => contact.unit === name);
    if (exact) return exact;
    const key = unitKey(name);
    return contacts.find((contact) => unitKey(contact.unit) === key) ?? null;
  }
  if (!fileName) return null;
  const base = unitKey(path.basename(fileName.replace(/\\/g, '/'), path.extname(fileName)));
  let best: Contact | null = null;
  for (const contact of contacts) {
    const key = unitKey(contact.unit);
    if (key !== '' && base.includes(key) && (!best || key.length > unitKey(best.unit).length)) best = contact;
  }
  return best;
}
