/**
 * DOCX → PDF through LibreOffice (`soffice --headless --convert-to pdf`), with a cache keyed by the
 * DOCX's sha256 under bench/tmp/pdf-cache/: conversion costs about a second a file, so the bench
 * converts a modest set once and replicates it.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function findSoffice(): string | null {
  for (const candidate of ['soffice', 'libreoffice']) {
    const probe = spawnSync(candidate, ['--version'], { encoding: 'utf8', timeout: 60_000 });
    if (probe.status === 0) return candidate;
  }
  return null;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Converts every DOCX not yet in the cache in one soffice run; returns the PDF bytes in input order. */
export function convertToPdf(soffice: string, docxFiles: readonly Uint8Array[], cacheDir: string): Buffer[] {
  mkdirSync(cacheDir, { recursive: true });
  const keys = docxFiles.map(sha256);
  const missing = keys
    .map((key, index) => ({ key, index }))
    .filter(({ key }) => !existsSync(join(cacheDir, `${key}.pdf`)));
  if (missing.length > 0) {
    const work = mkdtempSync(join(tmpdir(), 'review-desk-bench-office-'));
    try {
      const inputs = missing.map(({ key, index }) => {
        const path = join(work, `${key}.docx`);
        writeFileSync(path, docxFiles[index]!);
        return path;
      });
      const profile = `file://${join(work, 'profile')}`;
      const result = spawnSync(
        soffice,
        [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', work, ...inputs],
        { encoding: 'utf8', timeout: 30 * 60_000 },
      );
      for (const { key } of missing) {
        const produced = join(work, `${key}.pdf`);
        if (!existsSync(produced)) {
          throw new Error(`soffice did not convert ${key}.docx: ${result.stderr || result.stdout || result.error}`);
        }
        writeFileSync(join(cacheDir, `${key}.pdf`), readFileSync(produced));
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  return keys.map((key) => readFileSync(join(cacheDir, `${key}.pdf`)));
}

/**
 * Copy `index` of a PDF with distinct bytes: the document /ID in the trailer is rewritten (same
 * length, so every xref offset stays right); a PDF without /ID gets a comment after %%EOF.
 */
export function distinctPdf(pdf: Buffer, index: number): Buffer {
  const text = pdf.toString('latin1');
  const tag = createHash('md5').update(`bench-${index}`).digest('hex').toUpperCase();
  const sameLength = (hex: string) => tag.repeat(Math.ceil(hex.length / tag.length)).slice(0, hex.length);
  const id = /\/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]/.exec(text);
  if (!id) return Buffer.concat([pdf, Buffer.from(`%bench-variant-${index}\n`, 'latin1')]);
  const first = id.index + id[0].indexOf(id[1]!);
  const second = id.index + id[0].lastIndexOf(id[2]!);
  const bytes = Buffer.from(pdf);
  bytes.write(sameLength(id[1]!), first, 'latin1');
  bytes.write(sameLength(id[2]!), second, 'latin1');
  return bytes;
}
