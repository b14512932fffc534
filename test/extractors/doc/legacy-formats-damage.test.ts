/**
 * Damaged legacy files (.doc, .xls): seeded random byte damage to the committed fixtures. Each mutant
 * is read or rejected with a SPEC §3 code and a Chinese message; no other exception escapes the reader,
 * and nothing is written to the console (SheetJS would print a line per unknown record).
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isRejection } from '../../../extractors/model/rejection.js';
import { readDocument } from '../../../extractors/read-document.js';

const fixture = (path: string) => readFileSync(new URL(`../../../fixtures/${path}`, import.meta.url));

/** A small linear congruential generator: the same seed gives the same mutant. */
function damaged(base: Buffer, seed: number): Buffer {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
  const bytes = Buffer.from(base);
  const changes = 1 + Math.floor(next() * 20);
  for (let i = 0; i < changes; i++) bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
  return bytes;
}

const MUTANTS = 40;

describe('damaged .doc and .xls files', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each(['bad/legacy.doc', 'formats/budget-execution.xls'])(
    '%s: every mutant is read or rejected cleanly',
    async (path) => {
      const consoleError = vi.spyOn(console, 'error');
      const consoleLog = vi.spyOn(console, 'log');
      const outcomes = new Map<string, number>();
      for (let seed = 1; seed <= MUTANTS; seed++) {
        let outcome: string;
        try {
          const model = await readDocument(damaged(fixture(path), seed));
          outcome = model.format;
        } catch (error) {
          if (!isRejection(error)) throw new Error(`seed ${seed}: ${String(error)}`);
          expect(error.message).toMatch(/[\u4e00-\u9fff]/);
          outcome = error.code;
        }
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }
      expect(consoleError).not.toHaveBeenCalled();
      expect(consoleLog).not.toHaveBeenCalled();
      for (const outcome of outcomes.keys())
        expect(['doc', 'xls', 'corrupt-file', 'unsupported-format']).toContain(outcome);
      // The damage is real: some mutants must be refused.
      expect(outcomes.get('corrupt-file') ?? 0).toBeGreaterThan(0);
    },
  );
});
