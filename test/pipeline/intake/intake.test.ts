/** Intake's archive copy: exact bytes under the sha256, and failures told in Chinese with the file system's error as the cause. */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultReadLimits } from '../../../extractors/model/limits.js';
import { ArchiveError, archiveFile, archiveRelativePath, readIntakeFile } from '../../../pipeline/intake/intake.js';
import { repoRoot } from '../cli/support/cli.js';

const seed = join(repoRoot, 'fixtures', 'samples', 'pingdeng-2023.docx');
let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'intake-'));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('archiveFile', () => {
  it('keeps the exact bytes under the file’s sha256, read whole or streamed', async () => {
    const whole = await readIntakeFile(seed, defaultReadLimits);
    const streamed = await readIntakeFile(seed, { ...defaultReadLimits, maxFileBytes: 1024 });
    expect(streamed.bytes).toBeNull();
    expect(streamed.sha256).toBe(whole.sha256);
    for (const [name, file] of [
      ['whole', whole],
      ['streamed', streamed],
    ] as const) {
      const out = join(work, name);
      await archiveFile(out, file, archiveRelativePath(file));
      const copy = readFileSync(join(out, 'archive', `${file.sha256}.docx`));
      expect(createHash('sha256').update(copy).digest('hex')).toBe(file.sha256);
    }
  });

  it('fails with a Chinese message naming the file when the archive folder cannot be made', async () => {
    const out = join(work, 'blocked');
    mkdirSync(out);
    writeFileSync(join(out, 'archive'), 'a file where the folder should be');
    const file = await readIntakeFile(seed, defaultReadLimits);
    const error = await archiveFile(out, file, archiveRelativePath(file)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ArchiveError);
    expect((error as Error).message).toMatch(/^无法存档 pingdeng-2023\.docx：文件系统错误 E[A-Z]+$/);
    expect((error as Error).cause).toHaveProperty('code');
  });
});
