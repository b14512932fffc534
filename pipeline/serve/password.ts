/**
 * The desk's password file (`review-desk passwd FILE`): one line `scrypt$N$r$p$salt$hash` (base64),
 * never the password itself. Checked with a constant-time comparison.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { UsageError } from '../cli/cli-io.js';
import { writeFileAtomic } from '../support/atomic-write.js';

const scrypt = promisify(scryptCallback) as (
  password: string,
  salt: Buffer,
  length: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

const cost = { N: 2 ** 15, r: 8, p: 1 } as const;
const keyLength = 32;
const maxmem = 128 * cost.N * cost.r * 2;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, keyLength, { ...cost, maxmem });
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export type PasswordCheck = (password: string) => Promise<boolean>;

export function parsePasswordHash(line: string, file: string): PasswordCheck {
  const parts = line.trim().split('$');
  const [kind, n, r, p, salt, hash] = parts;
  const numbers = [n, r, p].map(Number);
  if (parts.length !== 6 || kind !== 'scrypt' || numbers.some((value) => !Number.isSafeInteger(value) || value < 1)) {
    throw new UsageError(`密码文件格式不正确：${file}（请用 review-desk passwd ${file} 重新生成）`);
  }
  const [N, rr, pp] = numbers as [number, number, number];
  const expected = Buffer.from(hash!, 'base64');
  const saltBytes = Buffer.from(salt!, 'base64');
  return async (password: string) => {
    const actual = await scrypt(password, saltBytes, expected.length, {
      N,
      r: rr,
      p: pp,
      maxmem: 128 * N * rr * 2,
    });
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  };
}

export async function loadPasswordFile(file: string): Promise<PasswordCheck> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new UsageError(`无法读取密码文件：${file}`);
  });
  return parsePasswordHash(text, file);
}

export async function writePasswordFile(file: string, password: string): Promise<void> {
  if (password.length < 8) throw new UsageError('密码至少需要8个字符');
  await writeFileAtomic(file, `${await hashPassword(password)}\n`);
}
