/**
 * What review-desk relies on in mammoth beyond its documented API, checked against the installed copy
 * so that an upgrade which changes it fails here, by name, rather than as unreadable DOCX files:
 * the `file` input of its zip layer, the XML module xml-reader.ts replaces, and the pinned version.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const pinned = (name: string) =>
  (require(`${process.cwd()}/package.json`) as { dependencies: Record<string, string> }).dependencies[name];

describe('mammoth internals', () => {
  it('is the exact version package.json pins', () => {
    expect(pinned('mammoth')).toMatch(/^\d+\.\d+\.\d+$/);
    expect((require('mammoth/package.json') as { version: string }).version).toBe(pinned('mammoth'));
  });

  it('opens the zip object given as `file` as it is (extractors/docx/mammoth.ts feeds the guarded parts so)', async () => {
    const unzip = require('mammoth/lib/unzip.js') as { openZip(options: object): PromiseLike<unknown> };
    const zip = { exists: () => false, read: async () => '' };
    await expect(Promise.resolve(unzip.openZip({ file: zip }))).resolves.toBe(zip);
  });

  it('has the XML module whose reader xml-reader.ts replaces, with the element and text makers it uses', () => {
    const xml = require('mammoth/lib/xml/index.js') as Record<string, unknown>;
    expect(typeof xml.readString).toBe('function');
    expect(typeof xml.Element).toBe('function');
    expect(typeof xml.text).toBe('function');
  });
});
