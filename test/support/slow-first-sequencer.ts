/**
 * Starts the longest test files first. With two workers on two cores, a long file started near the end
 * runs alone while the other worker idles. vitest orders by the durations cached from earlier runs,
 * but a fresh clone (CI) has no cache and falls back to file size, so the known long files are named
 * here (measured with a timing reporter; longest first); every other file keeps vitest's order.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const longestFirst: readonly string[] = [
  // OCR: the seed's eleven scanned pages, then the five one-page scans and photos (a minute or more each).
  'test/pipeline/cli/ocr-seed-scan.test.ts',
  'test/pipeline/cli/ocr-scans.test.ts',
  'test/hostile/fuzz.test.ts',
  'test/pipeline/cli/check-json.test.ts',
  'test/pipeline/cli/watch.test.ts',
  'test/pipeline/cli/resubmission.test.ts',
  'test/hostile/limits.test.ts',
  'test/pipeline/cli/commands.test.ts',
  'test/pipeline/desk/desk.test.ts',
  'test/pipeline/cli/crash.test.ts',
  'test/hostile/readers.test.ts',
  'test/pipeline/desk/desk-memo.test.ts',
  // The desk's browser files (one chromium each): 80-85 s in a full run at load ~20.
  'test/pipeline/serve/desk-formats.test.ts',
  'test/pipeline/serve/desk.test.ts',
  // Two phone photos read by OCR, then the desk in chromium.
  'test/pipeline/serve/desk-photo.test.ts',
  // The desk's mail in chromium with a real SMTP server; three runs of two packages through the CLI.
  'test/pipeline/serve/desk-mail.test.ts',
  'test/pipeline/cli/package-three-runs.test.ts',
  'test/pipeline/serve/live.test.ts',
  'test/pipeline/serve/picture-page-images.test.ts',
];

function rank(spec: TestSpecification): number {
  const path = spec.moduleId.replaceAll('\\', '/');
  const index = longestFirst.findIndex((file) => path.endsWith(`/${file}`));
  return index === -1 ? longestFirst.length : index;
}

export class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    // Array.prototype.sort is stable: the unnamed files stay in vitest's own order.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}
