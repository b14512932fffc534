/**
 * The PDFium engine behind backend.ts (PDFium compiled to WASM, `@embedpdf/pdfium`): glyphs from
 * PDFium's text page grouped into runs, ruling lines from the page's path objects (walking form
 * XObjects), the page box and /Rotate turned into the same top-left, y-down page space that pdf.js's
 * viewport gives, and page rendering to RGBA bitmaps.
 *
 * Safety: the WASM build has no JavaScript engine and no network; no form-fill environment is
 * created, so no document JavaScript or action can run. The module is compiled once per process
 * and instantiated once per worker; its heap grows and never shrinks, so the instance is dropped
 * (and a fresh one made for the next file) when its heap passes `recycling.heapBytes` after a file,
 * after `recycling.files` files, and after any WASM trap. The heap cannot grow past `heapCap.bytes`
 * (the module's resize import refuses it); a file that needs more is refused as too large.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { init, type WrappedPdfiumModule } from '@embedpdf/pdfium';
import type { ReadLimits } from '../model/limits.js';
import { Rejection } from '../model/rejection.js';
import type { PdfBackend, PdfDocumentSource, PdfPageSource, RenderedPage } from './backend.js';
import { type Matrix, multiply, type Rulings } from './geometry.js';
import { corruptMessage, encryptedMessage } from './pdf-errors.js';
import { addSegment, addThinFill } from './ruling-shapes.js';
import { toTextRuns } from './text-runs.js';

/** The fields of a pdf.js text item that the shared text-run step reads. */
interface TextRunItem {
  str: string;
  transform: number[];
  width: number;
  fontName: string;
}

/** PDFium's heap may not grow past `bytes` (a setting so that tests can lower it). */
export const heapCap = { bytes: 768 * 1024 * 1024 };
/** When the instance is replaced: a heap larger than `heapBytes` after a file, or after `files` files. */
export const recycling = {
  /** Far above what a report needs (bench/analysis.md); a heap left this large after a file is given back. */
  heapBytes: 192 * 1024 * 1024,
  /** A fresh instance after this many files, whatever the heap (fragmentation inside it). */
  files: 2000,
};
/** Page objects (paths, nested forms' contents) walked per page for rulings; the rest is ignored. */
const MAX_PAGE_OBJECTS = 200_000;
/** Form XObjects nested deeper than this are not walked. */
const MAX_FORM_DEPTH = 16;
/** Largest bitmap side rendered, in pixels. */
const MAX_RENDER_SIDE = 10_000;

// FPDF_GetLastError
const FPDF_ERR_PASSWORD = 4;
const FPDF_ERR_SECURITY = 5;
// FPDFPageObj_GetType
const FPDF_PAGEOBJ_TEXT = 1;
const FPDF_PAGEOBJ_PATH = 2;
const FPDF_PAGEOBJ_FORM = 5;
// FPDFPathSegment_GetType
const FPDF_SEGMENT_LINETO = 0;
const FPDF_SEGMENT_BEZIERTO = 1;
const FPDF_SEGMENT_MOVETO = 2;

/** The parts of the global WebAssembly API used here (Node's typings in this project do not declare it). */
interface WasmApi {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: object): Promise<object>;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** The module's heap views (replaced whenever the heap grows: read them after every call). */
interface Heaps {
  HEAPU8: Uint8Array;
  HEAP32: Int32Array;
  HEAPU32: Uint32Array;
  HEAPF32: Float32Array;
  HEAPF64: Float64Array;
}
const heaps = (lib: WrappedPdfiumModule): Heaps => lib.pdfium as unknown as Heaps;

/**
 * The C functions themselves, straight from the WASM exports: the package's `cwrap` wrappers (with
 * this build's assertions) cost more than the calls on a page of glyphs (bench/analysis.md, "Figures
 * behind choices in the code"). Only for functions whose arguments are all numbers; booleans come back as 0/1.
 */
type Raw = Record<keyof Omit<WrappedPdfiumModule, 'pdfium'>, (...args: number[]) => number>;
const raw = (lib: WrappedPdfiumModule): Raw => lib.pdfium.wasmExports as unknown as Raw;

const wasmPath = createRequire(import.meta.url).resolve('@embedpdf/pdfium/pdfium.wasm');
let compiled: object | undefined;

interface Instance {
  lib: WrappedPdfiumModule;
  files: number;
  broken: boolean;
}
let current: Promise<Instance> | undefined;

async function instantiate(): Promise<Instance> {
  compiled ??= await wasm.compile(readFileSync(wasmPath));
  const module = compiled;
  const lib = await init({
    // Nothing on stdout (reserved for JSON) or stderr.
    print: () => undefined,
    printErr: () => undefined,
    instantiateWasm(imports: object, receive: (instance: object, module: object) => void) {
      // The heap may not grow past the cap: PDFium's allocation fails instead (and the file is refused).
      const env = (imports as { env: Record<string, unknown> }).env;
      const resize = env.emscripten_resize_heap as (requested: number) => number;
      env.emscripten_resize_heap = (requested: number) => (requested >>> 0 > heapCap.bytes ? 0 : resize(requested));
      void wasm.instantiate(module, imports).then((instance) => receive(instance, module));
      return {};
    },
  } as Parameters<typeof init>[0]);
  lib.PDFiumExt_Init();
  instances++;
  return { lib, files: 0, broken: false };
}

function instance(): Promise<Instance> {
  current ??= instantiate().catch((error: unknown) => {
    current = undefined;
    throw error;
  });
  return current;
}

function heapBytes(lib: WrappedPdfiumModule): number {
  return heaps(lib).HEAPU8.byteLength;
}

/** After a file: drop the instance when its heap stayed large, it read many files, or it trapped. */
function afterFile(inst: Instance): void {
  inst.files++;
  if (inst.broken || inst.files >= recycling.files || heapBytes(inst.lib) > recycling.heapBytes) {
    // The old instance (and its WebAssembly.Memory) is garbage once nothing refers to it.
    current = undefined;
  }
}

let instances = 0;

/** Heap statistics of the current instance, and how many instances this thread has made (for tests and the bench). */
export async function pdfiumHeap(): Promise<{ heapBytes: number; files: number; instances: number }> {
  const inst = await instance();
  return { heapBytes: heapBytes(inst.lib), files: inst.files, instances };
}

class HeapLimitError extends Error {}

function tooLargeHeap(): Rejection {
  return new Rejection('too-large', 'PDF内容过于庞大（解析所需内存超出上限），已拒绝处理，请精简或重新导出后报送。');
}

/** pdf.js's PageViewport transform at scale 1: page space → top-left, y-down space after /Rotate. */
export function viewportTransform(
  box: readonly number[],
  rotation: number,
): { transform: number[]; width: number; height: number } {
  const [x0, y0, x1, y1] = box as [number, number, number, number];
  const centerX = (x1 + x0) / 2;
  const centerY = (y1 + y0) / 2;
  let a = 1;
  let b = 0;
  let c = 0;
  let d = -1;
  switch (((rotation % 360) + 360) % 360) {
    case 90:
      a = 0;
      b = 1;
      c = 1;
      d = 0;
      break;
    case 180:
      a = -1;
      b = 0;
      c = 0;
      d = 1;
      break;
    case 270:
      a = 0;
      b = -1;
      c = -1;
      d = 0;
      break;
  }
  let offsetX: number;
  let offsetY: number;
  let width: number;
  let height: number;
  if (a === 0) {
    offsetX = Math.abs(centerY - y0);
    offsetY = Math.abs(centerX - x0);
    width = y1 - y0;
    height = x1 - x0;
  } else {
    offsetX = Math.abs(centerX - x0);
    offsetY = Math.abs(centerY - y0);
    width = x1 - x0;
    height = y1 - y0;
  }
  return {
    transform: [a, b, c, d, offsetX - a * centerX - c * centerY, offsetY - b * centerX - d * centerY],
    width,
    height,
  };
}

/** A gap wider than this share of the font size between two glyphs starts a new run. */
const RUN_GAP_EMS = 0.3;

interface Scratch {
  /** 64 bytes of WASM memory for out-parameters, 8-byte aligned. */
  ptr: number;
}

/**
 * The glyphs of a page grouped into runs: consecutive glyphs on one baseline in one font and size,
 * with no gap or overlap wider than `RUN_GAP_EMS` (pdf.js's items also end at a font change). Each
 * run becomes a pdf.js-shaped text item in the reader's page space, so that the same text-run step
 * (and its normalisation) serves both engines.
 */
function pageTextItems(lib: WrappedPdfiumModule, page: number, scratch: Scratch, viewport: Matrix): TextRunItem[] {
  const f = raw(lib);
  const textPage = f.FPDFText_LoadPage(page);
  if (!textPage) return [];
  const items: TextRunItem[] = [];
  try {
    const count = f.FPDFText_CountChars(textPage);
    const p = scratch.ptr;
    let run: {
      text: string;
      x: number;
      y: number;
      right: number;
      size: number;
      transform: number[];
      font: number;
      space: boolean;
    } | null = null;
    const flush = (): void => {
      if (run)
        items.push({ str: run.text, transform: run.transform, width: run.right - run.x, fontName: `f${run.font}` });
      run = null;
    };
    for (let i = 0; i < count; i++) {
      if (f.FPDFText_IsGenerated(textPage, i) === 1) continue;
      const code = f.FPDFText_GetUnicode(textPage, i);
      if (code === 0x0d || code === 0x0a) continue;
      // A typed space neither starts a run nor widens it (pdf.js drops trailing spaces too): it is
      // kept only between two glyphs of one run.
      if (code === 0x20 || code === 0x09 || code === 0xa0 || code === 0x3000) {
        if (run) run.space = true;
        continue;
      }
      // A broken ToUnicode map may yield anything; outside Unicode it is an unreadable glyph.
      const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
      const ch = f.FPDFText_HasUnicodeMapError(textPage, i) === 1 || !valid ? '\uFFFD' : String.fromCodePoint(code);
      if (!f.FPDFText_GetCharOrigin(textPage, i, p, p + 8)) continue;
      const f64 = heaps(lib).HEAPF64;
      const ox = f64[p >> 3]!;
      const oy = f64[(p >> 3) + 1]!;
      if (!f.FPDFText_GetMatrix(textPage, i, p)) continue;
      const f32 = heaps(lib).HEAPF32;
      const cm = [f32[p >> 2]!, f32[(p >> 2) + 1]!, f32[(p >> 2) + 2]!, f32[(p >> 2) + 3]!];
      const fontSize = f.FPDFText_GetFontSize(textPage, i);
      // The glyph in the reader's page space: its em square's axes and its origin. The size is the
      // Tf size scaled by the text matrix: producers such as cairo set `1 Tf` and put the size in Tm.
      const glyph = multiply(viewport, [
        cm[0]! * fontSize,
        cm[1]! * fontSize,
        cm[2]! * fontSize,
        cm[3]! * fontSize,
        ox,
        oy,
      ]);
      const size = Math.hypot(glyph[2]!, glyph[3]!);
      const x = glyph[4]!;
      const y = glyph[5]!;
      const textObject = f.FPDFText_GetTextObject(textPage, i);
      const font = textObject ? f.FPDFTextObj_GetFont(textObject) : 0;
      // Right edge on the page: the origin moved by the glyph's advance width (as pdf.js measures
      // items). The loose box is only the fallback: it widens to the ink where a glyph's outline
      // overhangs its advance (a dash, a substituted font), which would shift every later position.
      // PDFium looks the width up by Unicode value, so an unmapped glyph keeps the loose box.
      let right = -Infinity;
      if (
        font &&
        fontSize > 0 &&
        ch !== '\uFFFD' &&
        f.FPDFFont_GetGlyphWidth(font, code, fontSize, p) &&
        heaps(lib).HEAPF32[p >> 2]! > 0
      ) {
        right = glyph[4]! + (glyph[0]! * heaps(lib).HEAPF32[p >> 2]!) / fontSize;
      } else if (f.FPDFText_GetLooseCharBox(textPage, i, p)) {
        const box = heaps(lib).HEAPF32;
        // FS_RECTF: left, top, right, bottom.
        for (const bx of [box[p >> 2]!, box[(p >> 2) + 2]!]) {
          for (const by of [box[(p >> 2) + 1]!, box[(p >> 2) + 3]!])
            right = Math.max(right, viewport[0]! * bx + viewport[2]! * by + viewport[4]!);
        }
      }
      const horizontal = glyph[0]! > 0 && Math.abs(glyph[1]!) <= 0.05 * glyph[0]!;
      if (run !== null) {
        const r: { text: string; x: number; y: number; right: number; size: number; font: number; space: boolean } =
          run;
        const gap = x - r.right;
        const joins =
          horizontal &&
          font === r.font &&
          Math.abs(y - r.y) <= 0.1 * r.size &&
          Math.abs(size - r.size) <= 0.05 * r.size &&
          gap <= RUN_GAP_EMS * r.size &&
          gap >= -RUN_GAP_EMS * r.size;
        if (joins) {
          r.text += r.space ? ` ${ch}` : ch;
          r.space = false;
          r.right = Math.max(r.right, right);
          continue;
        }
        flush();
      }
      run = {
        text: ch,
        x,
        y,
        right: horizontal ? Math.max(right, x) : x + size,
        size,
        transform: glyph,
        font,
        space: false,
      };
    }
    flush();
  } finally {
    f.FPDFText_ClosePage(textPage);
  }
  return items;
}

/** Ruling lines of the page's path objects, forms walked with their matrices. */
function pageRulings(lib: WrappedPdfiumModule, page: number, scratch: Scratch, viewport: Matrix): Rulings {
  const f = raw(lib);
  const rulings: Rulings = { horizontal: [], vertical: [] };
  const p = scratch.ptr;
  let budget = MAX_PAGE_OBJECTS;
  const matrixOf = (object: number): number[] | null => {
    if (!f.FPDFPageObj_GetMatrix(object, p)) return null;
    const f32 = heaps(lib).HEAPF32;
    const at = p >> 2;
    return [f32[at]!, f32[at + 1]!, f32[at + 2]!, f32[at + 3]!, f32[at + 4]!, f32[at + 5]!];
  };
  const isWhite = (get: (...args: number[]) => number, object: number): boolean => {
    if (!get(object, p, p + 4, p + 8, p + 12)) return false;
    const u32 = heaps(lib).HEAPU32;
    const at = p >> 2;
    return u32[at] === 255 && u32[at + 1] === 255 && u32[at + 2] === 255;
  };
  const walkPath = (object: number, outer: Matrix): void => {
    if (!f.FPDFPath_GetDrawMode(object, p, p + 4)) return;
    const i32 = heaps(lib).HEAP32;
    const fillMode = i32[p >> 2]!;
    const strokeFlag = i32[(p >> 2) + 1]!;
    const stroke = strokeFlag !== 0 && !isWhite(f.FPDFPageObj_GetStrokeColor, object);
    const fill = fillMode !== 0 && !isWhite(f.FPDFPageObj_GetFillColor, object);
    if (!stroke && !fill) return;
    const own = matrixOf(object);
    if (!own) return;
    const m = multiply(outer, own);
    const segments = f.FPDFPath_CountSegments(object);
    budget -= segments;
    let points: [number, number][] = [];
    let curved = false;
    const finish = (): void => {
      if (points.length > 0) {
        if (stroke && !curved) {
          for (let k = 1; k < points.length; k++) addSegment(rulings, points[k - 1]!, points[k]!, 1);
        }
        if (fill && !curved && points.length >= 2) addThinFill(rulings, points);
      }
      points = [];
      curved = false;
    };
    for (let s = 0; s < segments; s++) {
      const segment = f.FPDFPath_GetPathSegment(object, s);
      if (!segment || !f.FPDFPathSegment_GetPoint(segment, p, p + 4)) continue;
      const f32 = heaps(lib).HEAPF32;
      const px = f32[p >> 2]!;
      const py = f32[(p >> 2) + 1]!;
      const point: [number, number] = [m[0]! * px + m[2]! * py + m[4]!, m[1]! * px + m[3]! * py + m[5]!];
      const type = f.FPDFPathSegment_GetType(segment);
      if (type === FPDF_SEGMENT_MOVETO) {
        finish();
        points.push(point);
      } else if (type === FPDF_SEGMENT_LINETO) {
        points.push(point);
      } else if (type === FPDF_SEGMENT_BEZIERTO) {
        curved = true;
        points.push(point);
      }
      if (f.FPDFPathSegment_GetClose(segment)) {
        if (points.length > 1) points.push(points[0]!);
        finish();
      }
    }
    finish();
  };
  const walk = (count: number, get: (index: number) => number, outer: Matrix, depth: number): void => {
    for (let i = 0; i < count && budget > 0; i++) {
      budget--;
      const object = get(i);
      if (!object) continue;
      const type = f.FPDFPageObj_GetType(object);
      if (type === FPDF_PAGEOBJ_PATH) walkPath(object, outer);
      else if (type === FPDF_PAGEOBJ_FORM && depth < MAX_FORM_DEPTH) {
        const own = matrixOf(object);
        if (!own) continue;
        walk(
          f.FPDFFormObj_CountObjects(object),
          (index) => f.FPDFFormObj_GetObject(object, index),
          multiply(outer, own),
          depth + 1,
        );
      }
    }
  };
  walk(f.FPDFPage_CountObjects(page), (index) => f.FPDFPage_GetObject(page, index), viewport, 0);
  return rulings;
}

/** Fonts PDFium draws from its own built-in faces when a PDF names them without embedding them. */
const BUILT_IN_FONT = /^(Courier|Helvetica|Times|Symbol|ZapfDingbats|Arial|CourierNew|TimesNewRoman)([-,]|MT|PS|$)/i;

/**
 * The names of the fonts a page draws text in that are neither embedded nor built in. The WASM
 * build has no system fonts: such text (a Chinese document naming 宋体 without embedding it) is
 * drawn with a Latin face, its Chinese glyphs left out.
 */
function unembeddedFonts(lib: WrappedPdfiumModule, page: number, scratch: Scratch): string[] {
  const f = raw(lib);
  const names = new Set<string>();
  let budget = MAX_PAGE_OBJECTS;
  const walk = (count: number, get: (index: number) => number, depth: number): void => {
    for (let i = 0; i < count && budget > 0; i++) {
      budget--;
      const object = get(i);
      if (!object) continue;
      const type = f.FPDFPageObj_GetType(object);
      if (type === FPDF_PAGEOBJ_TEXT) {
        const font = f.FPDFTextObj_GetFont(object);
        if (!font || f.FPDFFont_GetIsEmbedded(font) !== 0) continue;
        // The name only when it fits the scratch buffer (PDFium writes nothing otherwise).
        const length = f.FPDFFont_GetBaseFontName(font, scratch.ptr, 64);
        const name =
          length > 0 && length <= 64
            ? Buffer.from(heaps(lib).HEAPU8.subarray(scratch.ptr, scratch.ptr + length - 1)).toString('latin1')
            : '';
        const plain = name.replace(/^[A-Z]{6}\+/, '');
        if (!BUILT_IN_FONT.test(plain)) names.add(plain || '(unnamed)');
      } else if (type === FPDF_PAGEOBJ_FORM && depth < MAX_FORM_DEPTH) {
        walk(f.FPDFFormObj_CountObjects(object), (index) => f.FPDFFormObj_GetObject(object, index), depth + 1);
      }
    }
  };
  walk(f.FPDFPage_CountObjects(page), (index) => f.FPDFPage_GetObject(page, index), 0);
  return [...names];
}

function lastErrorRejection(lib: WrappedPdfiumModule): Rejection {
  const code = lib.FPDF_GetLastError();
  if (code === FPDF_ERR_PASSWORD || code === FPDF_ERR_SECURITY) return new Rejection('encrypted', encryptedMessage);
  return new Rejection('corrupt-file', corruptMessage);
}

async function open(bytes: Uint8Array, _limits: ReadLimits): Promise<PdfDocumentSource> {
  const inst = await instance();
  const { lib } = inst;
  const checkHeap = (): void => {
    if (heapBytes(lib) > heapCap.bytes) throw new HeapLimitError();
  };
  // The bytes must stay in the WASM heap as long as the document is open.
  const data = lib.pdfium.wasmExports.malloc(Math.max(1, bytes.length));
  const scratch: Scratch = { ptr: lib.pdfium.wasmExports.malloc(64) };
  let document = 0;
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    try {
      if (document) lib.FPDF_CloseDocument(document);
      lib.pdfium.wasmExports.free(scratch.ptr);
      lib.pdfium.wasmExports.free(data);
    } catch {
      inst.broken = true;
    }
    afterFile(inst);
  };
  try {
    if (!data || !scratch.ptr) throw new HeapLimitError();
    heaps(lib).HEAPU8.set(bytes, data);
    document = lib.FPDF_LoadMemDocument(data, bytes.length, '');
    if (!document && heapBytes(lib) > 0.9 * heapCap.bytes) throw new HeapLimitError();
    if (!document) throw lastErrorRejection(lib);
    const pageCount = lib.FPDF_GetPageCount(document);
    checkHeap();
    const loadPage = (n: number): number => {
      const page = lib.FPDF_LoadPage(document, n - 1);
      // A page that failed for want of memory (the heap at its cap) is too large, not corrupt.
      if (!page && heapBytes(lib) > 0.9 * heapCap.bytes) throw new HeapLimitError();
      if (!page) throw new Rejection('corrupt-file', corruptMessage);
      return page;
    };
    const viewportOf = (page: number): { transform: number[]; width: number; height: number } => {
      // The page's bounding box is the CropBox within the MediaBox, as pdf.js's `view`.
      if (!lib.FPDF_GetPageBoundingBox(page, scratch.ptr)) throw new Rejection('corrupt-file', corruptMessage);
      const f32 = heaps(lib).HEAPF32;
      const at = scratch.ptr >> 2;
      // FS_RECTF: left, top, right, bottom.
      const left = f32[at]!;
      const top = f32[at + 1]!;
      const right = f32[at + 2]!;
      const bottom = f32[at + 3]!;
      const box = [Math.min(left, right), Math.min(top, bottom), Math.max(left, right), Math.max(top, bottom)];
      return viewportTransform(box, lib.FPDFPage_GetRotation(page) * 90);
    };
    return {
      pageCount,
      async page(n: number): Promise<PdfPageSource> {
        const page = loadPage(n);
        let pageClosed = false;
        const closePage = (): void => {
          if (pageClosed) return;
          pageClosed = true;
          lib.FPDF_ClosePage(page);
        };
        try {
          const viewport = viewportOf(page);
          const items = pageTextItems(lib, page, scratch, viewport.transform);
          checkHeap();
          return {
            width: viewport.width,
            height: viewport.height,
            text: toTextRuns(items as unknown as Parameters<typeof toTextRuns>[0], [1, 0, 0, 1, 0, 0]),
            async rulings() {
              const rulings = pageRulings(lib, page, scratch, viewport.transform);
              checkHeap();
              return rulings;
            },
            close: closePage,
          };
        } catch (error) {
          closePage();
          throw error;
        }
      },
      async render(n: number, scale: number): Promise<RenderedPage> {
        const page = loadPage(n);
        try {
          const viewport = viewportOf(page);
          const width = Math.max(1, Math.round(viewport.width * scale));
          const height = Math.max(1, Math.round(viewport.height * scale));
          if (width > MAX_RENDER_SIDE || height > MAX_RENDER_SIDE) throw tooLargeHeap();
          // FPDFBitmap_BGRA = 4.
          const bitmap = lib.FPDFBitmap_CreateEx(width, height, 4, 0, 0);
          if (!bitmap) throw new HeapLimitError();
          try {
            lib.FPDFBitmap_FillRect(bitmap, 0, 0, width, height, 0xffffffff);
            // Flags: FPDF_PRINTING (0x800) would add print-only content; none set: no annotations.
            lib.FPDF_RenderPageBitmap(bitmap, page, 0, 0, width, height, 0, 0);
            checkHeap();
            const stride = lib.FPDFBitmap_GetStride(bitmap);
            const buffer = lib.FPDFBitmap_GetBuffer(bitmap);
            const heap = heaps(lib).HEAPU8;
            const data = new Uint8Array(width * height * 4);
            for (let row = 0; row < height; row++) {
              const from = buffer + row * stride;
              const to = row * width * 4;
              for (let col = 0; col < width; col++) {
                const s = from + col * 4;
                const t = to + col * 4;
                data[t] = heap[s + 2]!;
                data[t + 1] = heap[s + 1]!;
                data[t + 2] = heap[s]!;
                data[t + 3] = heap[s + 3]!;
              }
            }
            return { width, height, data, unembeddedFonts: unembeddedFonts(lib, page, scratch) };
          } finally {
            lib.FPDFBitmap_Destroy(bitmap);
          }
        } finally {
          lib.FPDF_ClosePage(page);
        }
      },
      close,
    };
  } catch (error) {
    await close();
    throw toRejectionFor(error, inst);
  }
}

function toRejectionFor(error: unknown, inst: Instance | null): Error {
  if (error instanceof Rejection) return error;
  if (error instanceof HeapLimitError) return tooLargeHeap();
  // A trap (out of memory, unreachable) leaves the instance unusable: the next file gets a fresh one.
  if (inst) inst.broken = true;
  else current = undefined;
  if (
    error instanceof Error &&
    /OOM|out of memory|Cannot enlarge memory|Array buffer allocation/i.test(error.message)
  ) {
    return tooLargeHeap();
  }
  return new Rejection('corrupt-file', corruptMessage, { cause: error });
}

export const pdfiumBackend: PdfBackend = {
  open,
  toRejection: (error) => toRejectionFor(error, null),
};
