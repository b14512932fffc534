/**
 * Words of a PDF page with their boxes in points from the top-left corner, and the page's size, as
 * poppler's `pdftotext -bbox` gives them: where a figure really is, independent of review-desk.
 */
import { execFileSync } from 'node:child_process';

export interface PopplerWord {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export function popplerWords(file: string, page = 1): { width: number; height: number; words: PopplerWord[] } {
  const xml = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), file, '-'], {
    encoding: 'utf8',
  });
  const size = /<page width="([\d.]+)" height="([\d.]+)">/.exec(xml)!;
  const words = [
    ...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g),
  ].map((match) => ({
    x0: Number(match[1]),
    y0: Number(match[2]),
    x1: Number(match[3]),
    y1: Number(match[4]),
    text: match[5]!,
  }));
  return { width: Number(size[1]), height: Number(size[2]), words };
}
