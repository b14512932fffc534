/**
 * PDF pages drawn as PNG for the evidence view, by the project's own PDF engine (PDFium, whatever
 * `pdf.engine` reads with) in a worker thread (page-image-worker.ts): each page of each archived
 * original is drawn once and kept in `DIR/page-images/`, named by the file's sha256, the page
 * number and the resolution, never by anything taken from a request.
 *
 * One case stays with poppler's pdftoppm (installed by .ci/run, with fonts-noto-cjk): a page whose
 * text is in a font the PDF names without embedding it. PDFium's WASM build has no system fonts and
 * would draw such a page without its Chinese characters; poppler finds a CJK font on the system.
 *
 * A photo or picture submission (JPEG, PNG) is drawn the same way as a scanned page, as its OCR read
 * it: decoded upright and scaled to the desk's resolution here, in the main thread, by libvips
 * (extractors/image/decode-display.ts; never a whole 50-megapixel photo in memory, never sharp in a
 * worker thread that may be stopped), then taken through its OCR frame in the worker.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { pictureDpi } from '../../extractors/image/picture-measure.js';
import { defaultReadLimits, type ReadLimits } from '../../extractors/model/limits.js';
import { reframedSize } from '../../extractors/ocr/raster/prepare.js';
import type { OcrFrame, PageImageReply, PageImageRequest } from './page-image-protocol.js';

const run = promisify(execFile);

export const pageImageFolder = 'page-images';

/**
 * Most pixels of a picture page as drawn: an A4 page at the desk's 110 dpi is 1.2 megapixels, an A3
 * scan at 300 dpi drawn at 110 dpi 2.3. Only a huge picture stating a low resolution would need more.
 */
export const maxPicturePagePixels = 8_000_000;

export interface PageImagesOptions {
  /** The worker script. @default page-image-worker.js beside this module */
  readonly script?: URL;
  /** Limits for opening the PDF (the archive holds only files already read under them). @default defaultReadLimits */
  readonly limits?: ReadLimits;
  /** A page that takes longer is given up (the worker is stopped, the next request starts a new one). @default 60000 */
  readonly timeoutMs?: number;
}

type Drawn = { png: Uint8Array } | { unembeddedFonts: readonly string[] };

interface Pending {
  resolve: (drawn: Drawn) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
  worker: Worker;
}

export class PageImages {
  readonly #outDir: string;
  readonly #dpi: number;
  readonly #script: URL;
  readonly #limits: ReadLimits;
  readonly #timeoutMs: number;
  readonly #inFlight = new Map<string, Promise<Buffer>>();
  readonly #pending = new Map<number, Pending>();
  #worker: Worker | null = null;
  #nextId = 1;
  /** How many pages were drawn by this process (the bench reads it: a page is drawn once). */
  rendered = 0;
  /** How many of them poppler drew, for want of fonts the PDF did not embed. */
  renderedByPoppler = 0;

  constructor(outDir: string, dpi: number, options: PageImagesOptions = {}) {
    this.#outDir = outDir;
    this.#dpi = dpi;
    this.#script = options.script ?? new URL('./page-image-worker.js', import.meta.url);
    this.#limits = options.limits ?? defaultReadLimits;
    this.#timeoutMs = options.timeoutMs ?? 60_000;
  }

  /**
   * The PNG of `page` (1-based) of the archived PDF `archived` (an absolute path the store gave); for a
   * page read by OCR, given its `frame`, drawn upright and straight as it was read.
   */
  get(sha256: string, archived: string, page: number, frame?: OcrFrame): Promise<Buffer> {
    const name = `${sha256}-${page}-${this.#dpi}${frame ? '-ocr' : ''}.png`;
    return this.#kept(name, async (partial) => {
      const drawn = await this.#draw(archived, page, frame);
      if ('png' in drawn) await writeFile(partial, drawn.png);
      else await this.#drawWithPoppler(archived, page, partial);
    });
  }

  /**
   * The PNG of the archived picture (JPEG or PNG) `archived`, its one page: drawn in its OCR `frame` as
   * it was read, or without one (a record kept before frames were) upright as decoded, at the
   * resolution the image reader took it at.
   */
  picture(sha256: string, archived: string, frame?: OcrFrame): Promise<Buffer> {
    const name = `${sha256}-1-${this.#dpi}${frame ? '-ocr' : ''}.png`;
    return this.#kept(name, async (partial) => {
      const bytes = await readFile(archived);
      if (bytes.length > this.#limits.maxFileBytes) throw new RangeError(`picture of ${bytes.length} bytes`);
      const { decodePictureForDisplay } = await import('../../extractors/image/decode-display.js');
      const picture = await decodePictureForDisplay(
        bytes,
        (width, height, density) => this.#dpi / (frame?.dpi ?? pictureDpi(width, height, density)),
        maxPicturePagePixels,
      );
      // The frame's quad is in the picture's own pixels: scaled with it (each turn and the skew are not).
      const sx = picture.width / picture.fullWidth;
      const sy = picture.height / picture.fullHeight;
      const scaled: OcrFrame = {
        quad: null,
        quarterTurn: false,
        skewDegrees: 0,
        upsideDown: false,
        ...frame,
        dpi: this.#dpi,
      };
      if (frame?.quad) scaled.quad = frame.quad.map(({ x, y }) => ({ x: x * sx, y: y * sy })) as typeof frame.quad;
      // The size the frame has at full size, scaled as a PDF page's is: whole pixels of the frame OCR read.
      const full = frame
        ? reframedSize(picture.fullWidth, picture.fullHeight, frame)
        : { width: picture.fullWidth, height: picture.fullHeight };
      const size = {
        width: Math.max(1, Math.round(full.width * picture.scale)),
        height: Math.max(1, Math.round(full.height * picture.scale)),
      };
      // Copied to the worker, not transferred: sharp's buffer is native memory (a few megabytes at this size).
      const png = await this.#ask(
        { id: 0, picture: { width: picture.width, height: picture.height, rgb: picture.data }, frame: scaled, size },
        'picture',
      );
      if (!('png' in png)) throw new Error('picture not drawn');
      await writeFile(partial, png.png);
    });
  }

  /** The page image `name` from page-images/, drawn by `draw` into the file it is given when not kept yet. */
  async #kept(name: string, draw: (partial: string) => Promise<void>): Promise<Buffer> {
    const folder = join(this.#outDir, pageImageFolder);
    const file = join(folder, name);
    const cached = await readFile(file).catch(() => null);
    if (cached) return cached;
    let pending = this.#inFlight.get(name);
    if (!pending) {
      pending = (async () => {
        await mkdir(folder, { recursive: true });
        // Written aside and renamed: a reader never sees half an image.
        const partial = join(folder, `.${name}.${process.pid}`);
        try {
          await draw(partial);
          await rename(partial, file);
        } finally {
          await rm(partial, { force: true });
          await rm(`${partial}.png`, { force: true });
        }
        this.rendered++;
        return await readFile(file);
      })();
      this.#inFlight.set(name, pending);
      pending.finally(() => this.#inFlight.delete(name)).catch(() => {});
    }
    return pending;
  }

  /** Stops the worker (pages asked for and not yet drawn fail). */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    if (worker) this.#failAll(new Error('page images closed'), worker);
    await worker?.terminate();
  }

  /** pdftoppm writes `<prefix>.png`; it is moved to `prefix` itself. */
  async #drawWithPoppler(archived: string, page: number, prefix: string): Promise<void> {
    const args = ['-f', String(page), '-l', String(page), '-r', String(this.#dpi), '-png', '-singlefile'];
    await run('pdftoppm', [...args, archived, prefix]);
    await rename(`${prefix}.png`, prefix);
    this.renderedByPoppler++;
  }

  #draw(file: string, page: number, frame: OcrFrame | undefined): Promise<Drawn> {
    return this.#ask(
      { id: 0, file, page, dpi: this.#dpi, limits: this.#limits, ...(frame && { frame }) },
      `page ${page}`,
    );
  }

  /** Sends `request` (its id set here) to the worker; what it is, for the timeout's message. */
  #ask(request: PageImageRequest, what: string): Promise<Drawn> {
    const worker = this.#ensureWorker();
    const id = this.#nextId++;
    return new Promise<Drawn>((resolve, reject) => {
      const timer = setTimeout(() => {
        // A page that does not come back in time: the worker is replaced, whatever else it held.
        if (this.#worker === worker) this.#worker = null;
        this.#failAll(new Error(`${what} not drawn within ${this.#timeoutMs} ms`), worker);
        void worker.terminate();
      }, this.#timeoutMs);
      this.#pending.set(id, { resolve, reject, timer, worker });
      worker.ref();
      worker.postMessage({ ...request, id });
    });
  }

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(this.#script);
    worker.on('message', (reply: PageImageReply) => {
      const pending = this.#pending.get(reply.id);
      if (!pending) return;
      this.#pending.delete(reply.id);
      clearTimeout(pending.timer);
      if ('png' in reply) pending.resolve({ png: reply.png });
      else if ('unembeddedFonts' in reply) pending.resolve({ unembeddedFonts: reply.unembeddedFonts });
      else pending.reject(new Error(reply.error));
      // An idle worker does not keep the process alive.
      if (this.#pending.size === 0) worker.unref();
    });
    const gone = (error: Error): void => {
      if (this.#worker === worker) this.#worker = null;
      this.#failAll(error, worker);
    };
    worker.on('error', gone);
    worker.on('exit', (code) => gone(new Error(`page image worker exited (${code})`)));
    this.#worker = worker;
    return worker;
  }

  /** Fails what was asked of `worker` (stopped, crashed or timed out); another worker's requests go on. */
  #failAll(error: Error, worker: Worker): void {
    for (const [id, pending] of this.#pending) {
      if (pending.worker !== worker) continue;
      clearTimeout(pending.timer);
      pending.reject(error);
      this.#pending.delete(id);
    }
  }
}
