/**
 * The OCR child process seen from the reading side (engine/ocr-process.ts): a child let go after a
 * file (`stopOcrChild`, as a pipeline worker does) ends on its own time, and its end must not fail a
 * request already sent to the next child.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodePictureApart, stopOcrChild } from '../../../extractors/ocr/engine/ocr-process.js';
import { assertBuilt, repoRoot } from '../../pipeline/cli/support/cli.js';

const photo = new Uint8Array(readFileSync(join(repoRoot, 'fixtures', 'scans', 'overall-ab-hr-2023.photo.jpg')));

afterAll(() => stopOcrChild());

describe('the OCR child process', () => {
  it('answers a request sent right after the child before it was let go', async () => {
    assertBuilt();
    const first = await decodePictureApart(photo);
    expect(first.ok).toBe(true);
    for (let round = 0; round < 3; round++) {
      void stopOcrChild();
      // Sent at once: the child let go has not exited yet when the next one is asked.
      const again = await decodePictureApart(photo);
      expect(again.ok && again.width).toBe(first.ok && first.width);
    }
  });
});
