/** Names we make from a submission's name — temporary, reason and memo names — stay within 255 bytes. */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reasonPath } from '../../../pipeline/intake/inbox.js';
import { writeFileAtomic } from '../../../pipeline/support/atomic-write.js';
import { fitFileName } from '../../../pipeline/support/file-name-bytes.js';
import { memoBaseName } from '../../../reports/file-names.js';

const bytes = (text: string): number => Buffer.byteLength(text);

describe('fitFileName', () => {
  it('keeps a name that fits, and shortens one that does not, keeping its extension and a hash', () => {
    expect(fitFileName('平等乡.docx', 11)).toBe('平等乡.docx');
    const long = `${'长'.repeat(82)}.pdf`;
    const fitted = fitFileName(long, 11);
    expect(bytes(fitted)).toBeLessThanOrEqual(244);
    expect(fitted).toMatch(/^长+~[0-9a-f]{8}\.pdf$/);
    expect(fitFileName(`${'长'.repeat(82)}.docx`, 11)).not.toBe(fitted.replace('.pdf', '.docx'));
  });

  it('gives a 250-byte name a reason note within 255 bytes', () => {
    const destination = join('/inbox/rejected', `${'长'.repeat(82)}.pdf`);
    const note = reasonPath(destination).split('/').pop()!;
    expect(note.endsWith('.reason.txt')).toBe(true);
    expect(bytes(note)).toBeLessThanOrEqual(255);
  });

  it('writes a file atomically under a 255-byte name (its temporary name is shortened, not the file)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'long-names-'));
    try {
      const name = `${'长'.repeat(83)}.md`;
      expect(bytes(name)).toBeLessThanOrEqual(255);
      await writeFileAtomic(join(folder, name), 'x');
      expect(readdirSync(folder)).toEqual([name]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('keeps memo names short enough for a sha suffix, an extension and a temporary tag', () => {
    const unit = '🏛'.repeat(80);
    const base = memoBaseName({ file: 'a.docx', sha256: 'f'.repeat(64), report: { unit, year: 2023 } as never });
    expect(bytes(`${base}-ffffffff.docx`)).toBeLessThanOrEqual(255);
    const unknown = memoBaseName({ file: `${'🏛'.repeat(70)}.docx`, sha256: 'f'.repeat(64), report: null });
    expect(unknown.endsWith('-ffffffff')).toBe(true);
    expect(bytes(`${unknown}-ffffffff.docx`)).toBeLessThanOrEqual(255);
  });
});
