/** Memo file names come from document text, so they must be safe on every file system and still readable. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memoBaseName, safeFileName } from '../../reports/file-names.js';
import { seedResult } from './support/seed-result.js';

describe('safeFileName', () => {
  it('keeps Chinese text as it is', () => {
    expect(safeFileName('平等乡人民政府-2023')).toBe('平等乡人民政府-2023');
  });

  it('replaces path separators and characters Windows forbids', () => {
    expect(safeFileName('../../etc/passwd')).toBe('_._etc_passwd');
    expect(safeFileName('a\\b:c*d?e"f<g>h|i')).toBe('a_b_c_d_e_f_g_h_i');
  });

  it('drops control characters and bidirectional overrides', () => {
    expect(safeFileName('平等乡\r\nBcc: x@evil.test\u0000')).toBe('平等乡Bcc_ x@evil.test');
    expect(safeFileName('报告\u202Excod.exe')).toBe('报告xcod.exe');
  });

  it('never leaves a leading dot, a trailing dot or an empty name', () => {
    expect(safeFileName('...hidden..')).toBe('hidden');
    expect(safeFileName('  ')).toBe('未命名');
    expect(safeFileName('\u0001\u0002')).toBe('未命名');
  });

  it('guards Windows device names', () => {
    expect(safeFileName('CON')).toBe('_CON');
    expect(safeFileName('nul.txt')).toBe('_nul.txt');
  });

  it('limits the length in characters, not bytes, so Chinese is cut cleanly', () => {
    expect(Array.from(safeFileName('乡'.repeat(300)))).toHaveLength(80);
    expect(safeFileName('乡'.repeat(300), 10)).toBe('乡'.repeat(10));
  });

  it('gives a name without separators, control characters or ".." for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (input) => {
        const name = safeFileName(input);
        expect(name).not.toMatch(/[/\\\u0000-\u001f]/);
        expect(name).not.toContain('..');
        expect(name.startsWith('.')).toBe(false);
        expect(name.length).toBeGreaterThan(0);
        expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
      }),
    );
  });
});

describe('memoBaseName', () => {
  it('is <unit>-<year> when both are known', () => {
    expect(memoBaseName(seedResult())).toBe('平等乡人民政府-2023');
  });

  it('falls back to the file base name and the sha256 prefix when the unit is unknown', () => {
    const result = seedResult({ report: null, file: 'inbox/sub dir/某单位报告.pdf' });
    expect(memoBaseName(result)).toBe(`某单位报告-${result.sha256.slice(0, 8)}`);
  });

  it('falls back when the year is unknown', () => {
    const result = seedResult();
    result.report!.year = null;
    expect(memoBaseName(result)).toBe(`平等乡-${result.sha256.slice(0, 8)}`);
  });

  it('cannot be steered out of the memo folder by a hostile unit name', () => {
    const result = seedResult();
    result.report!.unit = '../../../tmp/x';
    expect(memoBaseName(result)).toBe('_._._tmp_x-2023');
  });
});
