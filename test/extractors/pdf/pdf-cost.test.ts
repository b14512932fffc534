/**
 * The PDF reader asks pdf.js for no more than it uses: reading the drawing of a table page builds no
 * glyph outlines (nothing is drawn), while the ruling lines still come out.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openPdf, pdfjs } from '../../../extractors/pdf/load.js';
import { collectRulings, mergeRulings } from '../../../extractors/pdf/rulings.js';

const sample = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../fixtures/samples/${name}`, import.meta.url)));

describe('the operator list of a table page', () => {
  it('carries the ruling lines but no glyph outlines', async () => {
    const { document, close } = await openPdf(sample('pingdeng-2023.pdf'));
    try {
      const page = await document.getPage(9);
      const operators = await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE });
      const showsText = operators.fnArray.some((fn) => fn === pdfjs.OPS.showText);
      const ids = [...(page.commonObjs as unknown as Iterable<[string, unknown]>)].map(([id]) => id);
      const rulings = mergeRulings(collectRulings(operators, page.getViewport({ scale: 1 }).transform as number[]));
      expect(showsText).toBe(true);
      expect(ids.length).toBeGreaterThan(0);
      expect(ids.filter((id) => id.includes('_path_'))).toEqual([]);
      expect(rulings.horizontal.length).toBeGreaterThan(5);
      expect(rulings.vertical.length).toBeGreaterThan(5);
    } finally {
      await close();
    }
  });
});
