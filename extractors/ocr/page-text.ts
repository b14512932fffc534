/**
 * An OCR page record → what the PDF reader's layout steps take (text runs with their confidence,
 * ruling lines), with the figures OCR damaged repaired (text/ocr-figures.ts, and the comparison
 * signs of targets: comparison-signs.ts, which also gives a run its weakest digit's confidence) and each repair, and
 * each note of the image preparation, as an extraction note for the reviewer.
 */
import type { ExtractionProblem } from '../model/document-model.js';
import type { Rulings, TextRun } from '../pdf/geometry.js';
import { repairOcrFigures } from '../text/ocr-figures.js';
import { figureConfidence, repairComparisonSigns } from './comparison-signs.js';
import type { OcrPageRecord } from './ocr-page.js';

/** The font name OCR runs carry: no font, but the layout steps compare names. */
export const ocrFontName = 'ocr';

export interface OcrPageText {
  width: number;
  height: number;
  runs: TextRun[];
  rulings: Rulings;
  /** Non-whitespace characters recognised. */
  characters: number;
  problems: ExtractionProblem[];
}

const closerOf: Record<string, string> = { '（': '）', '(': ')' };

/**
 * OCR reads a bracket's width glyph by glyph, so 「（低效无效率)」 comes out with one full-width and one
 * half-width bracket, and label matching (which compares text) misses. A closer of the other width is
 * given its opener's width; brackets the text really mixes stay as they are.
 */
export function pairOcrBrackets(text: string): string {
  const open: string[] = [];
  let out = '';
  for (const char of text) {
    if (char in closerOf) {
      open.push(char);
      out += char;
    } else if (char === ')' || char === '）') {
      const opener = open.pop();
      out += opener === undefined ? char : closerOf[opener]!;
    } else {
      out += char;
    }
  }
  return out;
}

export function ocrPageText(record: OcrPageRecord, page: number): OcrPageText {
  const runs: TextRun[] = [];
  const problems: ExtractionProblem[] = [];
  let characters = 0;
  for (const box of record.boxes) {
    const signs = repairComparisonSigns(box);
    const repaired = repairOcrFigures(signs.text);
    const { repairs } = repaired;
    const text = pairOcrBrackets(repaired.text);
    const confidence = Math.min(figureConfidence(box), signs.confidence ?? 1);
    characters += text.replace(/\s/g, '').length;
    runs.push({
      text,
      x: box.x,
      y: box.y,
      width: box.width,
      size: box.size,
      fontName: ocrFontName,
      confidence: Math.round(confidence * 1000) / 1000,
    });
    for (const repair of signs.repairs) {
      problems.push({
        code: 'ocr-read',
        message: `第${page}页识别出的「${repair.from}」按「${repair.to}」读取（${repair.reason}），请对照原件核对。`,
        path: null,
        location: null,
      });
    }
    for (const repair of repairs) {
      problems.push({
        code: 'ocr-read',
        message: `第${page}页识别出的「${repair.from}」按「${repair.to}」读取（文字识别常把千分位或数字误认），请对照原件核对。`,
        path: null,
        location: null,
      });
    }
  }
  for (const note of record.notes) problems.push({ code: 'ocr-read', message: note, path: null, location: null });
  return { width: record.width, height: record.height, runs, rulings: record.rulings, characters, problems };
}
