/**
 * What the memo packer (reports/memo-docx-package.ts, the one file that reaches into docx's internals)
 * relies on in docx beyond its documented API, checked by name against the installed copy, so that an
 * upgrade which moves any of it fails here rather than as memos packed wrongly: the pinned version,
 * the numbering instances with their placeholders, the document wrapper and its relationships, the
 * core properties' constructor, the media list and the components' `prepForXml`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Document, LevelFormat, Paragraph, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

/** A document with a numbered paragraph, as a memo with a list would have. */
function numberedDocument(): Document {
  return new Document({
    numbering: {
      config: [{ reference: 'memo-list', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.' }] }],
    },
    sections: [{ children: [new Paragraph({ numbering: { reference: 'memo-list', level: 0 }, text: '一项' })] }],
  });
}

/** Internals, reached the way the packer reaches them (none of these are in docx's typings as used). */
interface Internals {
  Numbering: { ConcreteNumbering: { reference: string; instance: number; numId: number; restartedListId?: number }[] };
  Document: {
    constructor: new (
      options: object,
    ) => {
      View: { Body: { addSection(options: object): void }; add(child: unknown): void };
      relationships: object;
    };
    Relationships: { RelationshipCount: number; constructor: { copy(relationships: object): object } };
    View: { prepForXml(context: object): unknown };
  };
  CoreProperties: { constructor: new (options: object) => { prepForXml(context: object): unknown } };
  Media: { Array: unknown[] };
}

describe('docx internals the memo packer uses', () => {
  it('is the exact version package.json pins', () => {
    const pinned = (require(`${process.cwd()}/package.json`) as { dependencies: Record<string, string> }).dependencies
      .docx;
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    // docx's exports map hides package.json: read the installed copy's from disk.
    const installed = JSON.parse(readFileSync(join(process.cwd(), 'node_modules', 'docx', 'package.json'), 'utf8'));
    expect((installed as { version: string }).version).toBe(pinned);
  });

  it('lists numbering instances with reference, instance and numId once a numbered body is compiled', () => {
    const document = numberedDocument();
    const internals = document as unknown as Internals;
    const context = { file: document, viewWrapper: internals.Document, stack: [] };
    const xml = JSON.stringify(internals.Document.View.prepForXml(context));
    // The body holds the placeholder the packer replaces with the instance's numId.
    expect(xml).toContain('{memo-list-0}');
    const instances = internals.Numbering.ConcreteNumbering;
    expect(instances.length).toBeGreaterThan(0);
    const instance = instances.find((entry) => entry.reference === 'memo-list');
    expect(instance).toMatchObject({ reference: 'memo-list', instance: 0 });
    expect(instance?.numId).toBeTypeOf('number');
  });

  it('has the document wrapper, its relationships with a count and a copy, core properties and media', () => {
    const document = new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun('x')] })] }] });
    const internals = document as unknown as Internals;
    expect(internals.Document.Relationships.RelationshipCount).toBeTypeOf('number');
    const copy = internals.Document.Relationships.constructor.copy(internals.Document.Relationships);
    expect((copy as Internals['Document']['Relationships']).RelationshipCount).toBe(
      internals.Document.Relationships.RelationshipCount,
    );
    const wrapper = new internals.Document.constructor({ background: undefined, pageNumbers: undefined });
    expect(typeof wrapper.View.Body.addSection).toBe('function');
    expect(typeof wrapper.View.add).toBe('function');
    const core = new internals.CoreProperties.constructor({
      title: 't',
      creator: 'c',
      revision: 1,
      lastModifiedBy: 'c',
    });
    expect(JSON.stringify(core.prepForXml({ file: document, stack: [] }))).toContain('cp:coreProperties');
    expect(Array.isArray(internals.Media.Array)).toBe(true);
  });
});
