/**
 * PDF pages drawn as PNG for the evidence view, with poppler's pdftoppm (installed by .ci/run):
 * each page of each archived original is drawn once and kept in `DIR/page-images/`, named by the
 * file's sha256 and the page number, never by anything taken from a request.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const pageImageFolder = 'page-images';

export class PageImages {
  readonly #outDir: string;
  readonly #dpi: number;
  readonly #inFlight = new Map<string, Promise<Buffer>>();
  /** How many pages were drawn by this process (the bench reads it: a page is drawn once). */
  rendered = 0;

  constructor(outDir: string, dpi: number) {
    this.#outDir = outDir;
    this.#dpi = dpi;
  }

  /** The PNG of `page` (1-based) of the archived PDF `archived` (an absolute path the store gave). */
  async get(sha256: string, archived: string, page: number): Promise<Buffer> {
    const name = `${sha256}-${page}-${this.#dpi}.png`;
    const folder = join(this.#outDir, pageImageFolder);
    const file = join(folder, name);
    const cached = await readFile(file).catch(() => null);
    if (cached) return cached;
    let pending = this.#inFlight.get(name);
    if (!pending) {
      pending = (async () => {
        await mkdir(folder, { recursive: true });
        const prefix = join(folder, `.${name}.${process.pid}`);
        try {
          await run('pdftoppm', [
            '-f',
            String(page),
            '-l',
            String(page),
            '-r',
            String(this.#dpi),
            '-png',
            '-singlefile',
            archived,
            prefix,
          ]);
          await rename(`${prefix}.png`, file);
          this.rendered++;
          return await readFile(file);
        } finally {
          await rm(`${prefix}.png`, { force: true });
        }
      })();
      this.#inFlight.set(name, pending);
      pending.finally(() => this.#inFlight.delete(name)).catch(() => {});
    }
    return pending;
  }
}
