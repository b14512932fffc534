/**
 * DOCX bytes of a memo built with `docx`, compiling only the parts that differ from memo to memo.
 * Of the 17 parts docx compiles, 15 (styles, numbering, theme, settings, font table, relationships…) are
 * the same in every memo; only word/document.xml and docProps/core.xml are not. The constant parts are
 * compiled once per process by docx's own Packer, from a template memo with the same settings and no
 * body, and kept deflated; a memo then costs the compile of its body and core properties (docx's own
 * element tree, written by memo-docx-xml.ts) and one deflate. A memo whose body would change a constant
 * part (an image, a hyperlink, a numbering instance: none of which the memo has today) is packed by
 * docx's Packer as a whole instead.
 *
 * The one file that reaches into docx's internals (numbering instances, the document wrapper and its
 * relationships, core properties, media): docx is pinned exactly, test/reports/docx-internals.test.ts
 * names each of them, and dependency-cruiser keeps docx imports to the memo-docx files.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import { Document, type IPropertiesOptions, type IXmlableObject, Packer } from 'docx';
import { unzipSync, Zip, type ZipInputFile } from 'fflate';
import { xmlOfPart } from './memo-docx-xml.js';

const DOCUMENT_PART = 'word/document.xml';
const CORE_PART = 'docProps/core.xml';

interface DeflatedPart {
  readonly name: string;
  readonly size: number;
  readonly crc: number;
  readonly deflated: Uint8Array<ArrayBuffer>;
}

interface Template {
  /** The package's parts in Packer's order; the two per-memo parts are only named. */
  readonly parts: readonly (DeflatedPart | { readonly name: string; readonly perMemo: true })[];
  readonly relationshipCount: number;
  readonly concreteNumberingCount: number;
}

function deflatedPart(name: string, data: Uint8Array): DeflatedPart {
  return { name, size: data.length, crc: crc32(data), deflated: deflateRawSync(data) };
}

/** What the template's constant parts depend on: the memo's settings, not its body. */
function facts(document: Document) {
  return {
    relationshipCount: document.Document.Relationships.RelationshipCount,
    concreteNumberingCount: document.Numbering.ConcreteNumbering.length,
    media: document.Media.Array.length,
  };
}

async function compileTemplate(template: Document): Promise<Template> {
  const files = unzipSync(new Uint8Array(await Packer.toBuffer(template)));
  const parts = Object.entries(files).map(([name, data]) =>
    name === DOCUMENT_PART || name === CORE_PART ? { name, perMemo: true as const } : deflatedPart(name, data),
  );
  const { relationshipCount, concreteNumberingCount } = facts(template);
  return { parts, relationshipCount, concreteNumberingCount };
}

/** docx writes `{reference-instance}` for a numbered list's id and fills it in after compiling (numbering-replacer). */
function replaceNumberingPlaceholders(xml: string, document: Document): string {
  const ids = new Map(
    document.Numbering.ConcreteNumbering.map(({ reference, instance, restartedListId, numId }) => [
      restartedListId === undefined ? `${reference}-${instance}` : `${reference}-restart ${restartedListId}`,
      String(numId),
    ]),
  );
  return ids.size === 0 ? xml : xml.replace(/\{([^{}]+)\}/g, (placeholder, key: string) => ids.get(key) ?? placeholder);
}

function compilePart(document: Document, view: { prepForXml(context: never): IXmlableObject | undefined }): string {
  const context = { file: document, viewWrapper: document.Document, stack: [] };
  const root = view.prepForXml(context as never);
  if (!root) throw new Error('docx did not compile a memo part');
  return xmlOfPart(root);
}

/** A zip entry whose bytes are deflated already (fflate's Zip takes any ZipInputFile). */
function addDeflated(zip: Zip, part: DeflatedPart): void {
  const file: ZipInputFile = { filename: part.name, size: part.size, crc: part.crc, compression: 8 };
  zip.add(file);
  file.ondata?.(null, part.deflated, true);
}

function zipParts(parts: readonly DeflatedPart[]): Buffer {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  for (const part of parts) addDeflated(zip, part);
  zip.end();
  return Buffer.concat(chunks);
}

/** docx's wrapper of word/document.xml and its relationships (not exported; reached through a document's `Document`). */
interface DocumentWrapperLike {
  readonly View: { readonly Body: { addSection(options: object): void }; add(child: unknown): void };
  readonly Relationships: object;
  relationships: object;
}

/**
 * A document with the body and core properties of `options` and every other part shared with `shared`, a
 * document of the same settings: what docx's File constructor does for the body (sections added in order,
 * the document's relationships as its constructor adds them), without building styles, numbering, theme
 * and settings again for each memo (about half of a memo's docx objects). Null for what it does not
 * reproduce: headers, footers, footnotes, endnotes, comments, a background, page numbers or a VBA project.
 */
function sharedDocument(shared: Document, options: IPropertiesOptions): Document | null {
  const unsupported =
    options.footnotes ||
    options.endnotes ||
    options.comments ||
    options.background ||
    options.pageNumbers ||
    options.macros ||
    options.bibliography ||
    options.sections.some((section) => section.headers || section.footers);
  if (unsupported) return null;
  const Wrapper = shared.Document.constructor as new (options: object) => DocumentWrapperLike;
  const wrapper = new Wrapper({ background: undefined, pageNumbers: undefined });
  for (const { properties, children } of options.sections) {
    wrapper.View.Body.addSection({
      ...properties,
      headerWrapperGroup: { default: undefined, first: undefined, even: undefined },
      footerWrapperGroup: { default: undefined, first: undefined, even: undefined },
    });
    for (const child of children) wrapper.View.add(child);
  }
  // The shared document's relationships (styles … settings, theme), as its constructor added them; a copy, since
  // compiling a body may add to the one it is given (a hyperlink).
  const Relationships = shared.Document.Relationships.constructor as unknown as {
    copy(relationships: DocumentWrapperLike['Relationships']): DocumentWrapperLike['Relationships'];
  };
  wrapper.relationships = Relationships.copy(shared.Document.Relationships);
  const Core = shared.CoreProperties.constructor as new (options: object) => Document['CoreProperties'];
  const core = new Core({
    ...options,
    creator: options.creator ?? 'Un-named',
    revision: options.revision ?? 1,
    lastModifiedBy: options.lastModifiedBy ?? 'Un-named',
  });
  return Object.create(shared, {
    documentWrapper: { value: wrapper, writable: true },
    coreProperties: { value: core, writable: true },
  }) as Document;
}

/** Packs memos made by one `makeTemplate` (the same settings, any body). */
export class MemoPacker {
  private template: Promise<Template> | undefined;
  /** The document whose settings parts memos of `packOptions` share; replaced when a memo may have changed it. */
  private shared: Document | undefined;

  constructor(private readonly makeTemplate: () => Document) {}

  private compiledTemplate(): Promise<Template> {
    this.template ??= compileTemplate(this.makeTemplate()).catch((error: unknown) => {
      // Not cached: the next memo tries again.
      this.template = undefined;
      throw error;
    });
    return this.template;
  }

  /**
   * Packs the document `build` describes, built on a shared settings document instead of a whole new
   * one. `build` gives the memo's options (settings equal to the template's) with fresh children each call:
   * a memo that needs more than the shared parts is built again as a whole document and packed as such.
   */
  async packOptions(build: () => IPropertiesOptions): Promise<Buffer> {
    const template = await this.compiledTemplate();
    this.shared ??= this.makeTemplate();
    const before = facts(this.shared);
    const document = sharedDocument(this.shared, build());
    if (document) {
      const packed = this.packCompiled(template, document);
      const after = facts(this.shared);
      if (
        packed &&
        after.media === before.media &&
        after.concreteNumberingCount === before.concreteNumberingCount &&
        after.relationshipCount === before.relationshipCount
      ) {
        return packed;
      }
      // The body reached into the shared parts (an image, a numbering instance): they are not the template's any more.
      this.shared = undefined;
    }
    return this.pack(new Document(build()));
  }

  async pack(document: Document): Promise<Buffer> {
    const template = await this.compiledTemplate();
    return this.packCompiled(template, document) ?? Packer.toBuffer(document);
  }

  /** The memo's package from the template's parts, or null when its body changed a constant part. */
  private packCompiled(template: Template, document: Document): Buffer | null {
    // The body first: compiling it is what may add relationships or numbering instances.
    const body = compilePart(document, document.Document.View);
    const now = facts(document);
    if (
      now.media > 0 ||
      now.relationshipCount !== template.relationshipCount ||
      now.concreteNumberingCount !== template.concreteNumberingCount
    ) {
      return null;
    }
    const perMemo = new Map([
      [DOCUMENT_PART, replaceNumberingPlaceholders(body, document)],
      [CORE_PART, compilePart(document, document.CoreProperties)],
    ]);
    return zipParts(
      template.parts.map((part) =>
        'perMemo' in part ? deflatedPart(part.name, Buffer.from(perMemo.get(part.name)!)) : part,
      ),
    );
  }
}
