/**
 * pdf.js's legacy build replaces Array.prototype.push and JSON.parse with core-js's slower versions
 * for the whole process; extractors/pdf/load.ts puts the natives back. This fails when an upgrade
 * changes that (or the pin drifts), instead of every file silently costing more CPU.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

describe('pdf.js and the natives it replaces', () => {
  it('is the exact version package.json pins', () => {
    const pinned = (require(`${process.cwd()}/package.json`) as { dependencies: Record<string, string> }).dependencies[
      'pdfjs-dist'
    ];
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect((require('pdfjs-dist/package.json') as { version: string }).version).toBe(pinned);
  });

  // In a fresh process: in this one another test file may have loaded pdf.js already.
  const identities = (load: string) => {
    const script = `const push = Array.prototype.push, parse = JSON.parse; ${load};
      console.log(JSON.stringify({ push: Array.prototype.push === push, parse: JSON.parse === parse }));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    return JSON.parse(out) as { push: boolean; parse: boolean };
  };

  it('still replaces them when its legacy build is loaded as it is (else the restore in load.ts is dead code)', () => {
    const load =
      "await import('pdfjs-dist/legacy/build/pdf.mjs'); await import('pdfjs-dist/legacy/build/pdf.worker.mjs')";
    expect(identities(load)).toEqual({ push: false, parse: false });
  });

  it('leaves the very same Array.prototype.push and JSON.parse once the PDF reader is loaded', () => {
    const loadModule = pathToFileURL(`${process.cwd()}/dist/extractors/pdf/load.js`).href;
    expect(identities(`await import(${JSON.stringify(loadModule)})`)).toEqual({ push: true, parse: true });
  });
});
