/**
 * Builds the benchmark corpus in a temp folder: N varied DOCX made from the fixture DOCX files, and
 * N PDFs — a modest set of distinct variants converted by LibreOffice once (cached), replicated to N
 * with distinct bytes; without LibreOffice, the committed fixture PDFs replicated.
 */
import { linkSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../fixtures/hostile/seeded-random.js';
import { convertToPdf, distinctPdf, findSoffice } from './office-convert.js';
import { varyDocx } from './vary-docx.js';

export interface CorpusOptions {
  readonly root: string;
  readonly n: number;
  /** How many distinct DOCX variants LibreOffice converts (the rest of the PDF set are byte-distinct copies). */
  readonly distinctPdfs: number;
  readonly workDir: string;
  readonly cacheDir: string;
  readonly log: (line: string) => void;
}

export interface Corpus {
  readonly docxDir: string;
  readonly pdfDir: string;
  readonly docxFiles: readonly string[];
  readonly pdfFiles: readonly string[];
  readonly docxBytes: number;
  readonly pdfBytes: number;
  /** Where the PDFs came from, for results.md. */
  readonly pdfSource: string;
  /** The fixture files the variants were made from. */
  readonly bases: readonly string[];
  /** Variants in which none of the figure substitutions applied (only bytes differ). */
  readonly unvaried: number;
}

function samples(root: string, extension: string): string[] {
  const folder = join(root, 'fixtures/samples');
  return readdirSync(folder)
    .filter((name) => name.endsWith(extension))
    .sort()
    .map((name) => join(folder, name));
}

const fileName = (index: number, extension: string) => `submission-${String(index).padStart(5, '0')}.${extension}`;

export function buildCorpus(options: CorpusOptions): Corpus {
  const { root, n, workDir, log } = options;
  const docxDir = join(workDir, 'docx');
  const pdfDir = join(workDir, 'pdf');
  mkdirSync(docxDir, { recursive: true });
  mkdirSync(pdfDir, { recursive: true });

  const bases = samples(root, '.docx');
  if (bases.length === 0) throw new Error('no fixture DOCX in fixtures/samples/');
  const baseBytes = bases.map((path) => readFileSync(path));
  const docxFiles: string[] = [];
  const variants: Buffer[] = [];
  let docxBytes = 0;
  let unvaried = 0;
  for (let index = 0; index < n; index++) {
    const varied = varyDocx(baseBytes[index % baseBytes.length]!, index, seededRandom(index + 1));
    if (varied.applied === 0) unvaried++;
    const path = join(docxDir, fileName(index, 'docx'));
    writeFileSync(path, varied.bytes);
    docxFiles.push(path);
    docxBytes += varied.bytes.length;
    if (variants.length < options.distinctPdfs) variants.push(varied.bytes);
  }
  log(`bench: ${n} DOCX from ${bases.length} fixture(s) in ${docxDir}`);

  let pdfSets: Buffer[];
  let pdfSource: string;
  const soffice = findSoffice();
  if (soffice) {
    log(`bench: converting ${variants.length} distinct DOCX to PDF with LibreOffice (cached in ${options.cacheDir})`);
    pdfSets = convertToPdf(soffice, variants, options.cacheDir);
    pdfSource = `${variants.length} distinct DOCX variants converted by LibreOffice (cached under bench/tmp/pdf-cache/), replicated to ${n} files with distinct bytes (document /ID rewritten, so every sha256 differs)`;
  } else {
    pdfSets = samples(root, '.pdf').map((path) => readFileSync(path));
    if (pdfSets.length === 0) throw new Error('no LibreOffice and no fixture PDF in fixtures/samples/');
    pdfSource = `LibreOffice not found: the ${pdfSets.length} committed fixture PDF(s) replicated to ${n} files with distinct bytes`;
  }
  const pdfFiles: string[] = [];
  let pdfBytes = 0;
  for (let index = 0; index < n; index++) {
    const bytes = distinctPdf(pdfSets[index % pdfSets.length]!, index);
    const path = join(pdfDir, fileName(index, 'pdf'));
    writeFileSync(path, bytes);
    pdfFiles.push(path);
    pdfBytes += bytes.length;
  }
  log(`bench: ${n} PDF in ${pdfDir}`);
  return { docxDir, pdfDir, docxFiles, pdfFiles, docxBytes, pdfBytes, pdfSource, bases, unvaried };
}

/** A folder holding the first `count` files (hard links, falling back to copies), for the RSS-vs-N runs. */
export function subsetFolder(files: readonly string[], count: number, folder: string): string {
  mkdirSync(folder, { recursive: true });
  for (const path of files.slice(0, count)) {
    const target = join(folder, path.slice(path.lastIndexOf('/') + 1));
    try {
      linkSync(path, target);
    } catch {
      writeFileSync(target, readFileSync(path));
    }
  }
  return folder;
}
