/**
 * What review-desk relies on in mammoth beyond its documented API (all of it in the adapter
 * extractors/docx/mammoth-internals.ts), checked against the installed copy
 * so that an upgrade which changes it fails here, by name, rather than as unreadable DOCX files:
 * the `file` input of its zip layer, the XML module xml-reader.ts replaces, and the pinned version.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { mammothXml, readDocumentTree, type WordNode } from '../../../extractors/docx/mammoth-internals.js';

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

  it('hands the adapter its document tree from a package given as `file`: paragraphs, runs, text, table spans', async () => {
    const parts = unzipSync(readFileSync('fixtures/samples/pingdeng-2023.docx'));
    const read: string[] = [];
    const tree = await readDocumentTree({
      exists: (name) => name in parts,
      read: async (name, encoding) => {
        read.push(name);
        const bytes = parts[name];
        if (!bytes) throw new Error(`no part ${name}`);
        return encoding ? strFromU8(bytes) : bytes;
      },
    });
    expect(tree?.type).toBe('document');
    expect(read).toContain('word/document.xml');
    const types = new Set<string>();
    let text = '';
    const walk = (node: WordNode): void => {
      types.add(node.type);
      if (node.type === 'text') text += node.value;
      if (node.type === 'tableCell') expect(node.colSpan).toBeTypeOf('number');
      for (const child of node.children ?? []) walk(child);
    };
    walk(tree!);
    for (const type of ['paragraph', 'run', 'text', 'table', 'tableRow', 'tableCell']) expect(types).toContain(type);
    expect(text).toContain('平等乡');
    expect(tree!.children.find((node) => node.type === 'paragraph')).toHaveProperty('styleId');
  });

  it('builds elements and text nodes the way its own XML reader does', async () => {
    const element = new mammothXml.Element('w:p', { 'w:rsidR': '1' }, [mammothXml.text('x')]);
    expect(element).toMatchObject({ type: 'element', name: 'w:p', attributes: { 'w:rsidR': '1' } });
    expect(element.children).toEqual([{ type: 'text', value: 'x' }]);
  });
});
