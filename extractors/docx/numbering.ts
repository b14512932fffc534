/**
 * Word's automatic list numbering, written into the paragraphs' text. mammoth drops the numbers Word
 * draws from word/numbering.xml (w:numPr → w:num → w:abstractNum level with its w:numFmt, w:lvlText,
 * w:start, w:lvlRestart), so a heading 「一、部门基本情况」 numbered that way would read 「部门基本情况」
 * in the DOCX while its PDF shows 「一、」. Each numbered paragraph gets its rendered marker as a first
 * run, counted in document order per list and level with Word's restarts, so both formats read alike.
 * All is read with saxes: the numbering and styles parts into mammoth's element tree (docx-xml-reader.ts),
 * the main document in one pass that notes where each marker goes; the marker runs are spliced into its
 * text, so the document is neither parsed into a DOM nor written out again before mammoth reads it.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { formatListNumber } from './number-formats.js';
import { parseXml } from './xml-dom.js';
import { type MammothElement as Element, parseToMammothTree } from './xml-reader.js';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
const LEVELS = 9;

interface Level {
  readonly start: number;
  readonly numFmt: string;
  readonly lvlText: string | null;
  /** 0: never restarts; n: restarts when a level above n (1-based) is used; null: when any level above is. */
  readonly lvlRestart: number | null;
  readonly isLgl: boolean;
  readonly suffix: string;
  readonly pStyle: string | null;
}

interface AbstractNum {
  readonly levels: Map<number, Level>;
  /** w:numStyleLink: the levels are those of the list a numbering style points to. */
  readonly numStyleLink: string | null;
}

interface Num {
  readonly abstractNumId: string;
  /** Levels redefined or restarted by w:lvlOverride. */
  readonly overrides: Map<number, { start: number | null; level: Level | null }>;
}

interface Definitions {
  readonly abstractNums: Map<string, AbstractNum>;
  readonly nums: Map<string, Num>;
}

/** A paragraph style's own numbering, and the style it is based on. */
interface StyleNumbering {
  readonly numId: string | null;
  readonly ilvl: number | null;
  readonly basedOn: string | null;
}

/** A part as mammoth's element tree, WordprocessingML names as `w:local`; null when saxes refuses it. */
function readPart(xml: string): Element | null {
  try {
    return parseToMammothTree(xml, { [W]: 'w' });
  } catch {
    return null;
  }
}

function children(element: Element, name: string): Element[] {
  const qualified = `w:${name}`;
  return element.children.filter((node): node is Element => node.type === 'element' && node.name === qualified);
}

const child = (element: Element | undefined, name: string) => (element ? children(element, name)[0] : undefined);
const attribute = (element: Element, name: string) => element.attributes[`w:${name}`] || null;
const value = (element: Element | undefined) => (element ? attribute(element, 'val') : null);

function integer(text: string | null): number | null {
  if (text === null || !/^-?\d+$/.test(text.trim())) return null;
  return Number(text);
}

function readLevel(lvl: Element): Level {
  return {
    start: integer(value(child(lvl, 'start'))) ?? 0,
    numFmt: value(child(lvl, 'numFmt')) ?? 'decimal',
    lvlText: value(child(lvl, 'lvlText')),
    lvlRestart: integer(value(child(lvl, 'lvlRestart'))),
    isLgl: child(lvl, 'isLgl') !== undefined && value(child(lvl, 'isLgl')) !== 'false',
    // A tab after the number shows as a gap, which a PDF's text reads as one space.
    suffix: value(child(lvl, 'suff')) === 'nothing' ? '' : ' ',
    pStyle: value(child(lvl, 'pStyle')),
  };
}

function readLevels(element: Element): Map<number, Level> {
  const levels = new Map<number, Level>();
  for (const lvl of children(element, 'lvl')) {
    const ilvl = integer(attribute(lvl, 'ilvl'));
    if (ilvl !== null && ilvl >= 0 && ilvl < LEVELS) levels.set(ilvl, readLevel(lvl));
  }
  return levels;
}

function readDefinitions(numberingXml: string): Definitions | null {
  const root = readPart(numberingXml);
  if (!root) return null;
  const abstractNums = new Map<string, AbstractNum>();
  for (const element of children(root, 'abstractNum')) {
    const id = attribute(element, 'abstractNumId');
    if (!id) continue;
    abstractNums.set(id, {
      levels: readLevels(element),
      numStyleLink: value(child(element, 'numStyleLink')),
    });
  }
  const nums = new Map<string, Num>();
  for (const element of children(root, 'num')) {
    const id = attribute(element, 'numId');
    const abstractNumId = value(child(element, 'abstractNumId'));
    if (!id || abstractNumId === null) continue;
    const overrides = new Map<number, { start: number | null; level: Level | null }>();
    for (const override of children(element, 'lvlOverride')) {
      const ilvl = integer(attribute(override, 'ilvl'));
      if (ilvl === null || ilvl < 0 || ilvl >= LEVELS) continue;
      const lvl = child(override, 'lvl');
      overrides.set(ilvl, {
        start: integer(value(child(override, 'startOverride'))),
        level: lvl ? readLevel(lvl) : null,
      });
    }
    nums.set(id, { abstractNumId, overrides });
  }
  return { abstractNums, nums };
}

function readStyles(stylesXml: string | undefined): Map<string, StyleNumbering> {
  const styles = new Map<string, StyleNumbering>();
  const root = stylesXml ? readPart(stylesXml) : null;
  if (!root) return styles;
  for (const style of children(root, 'style')) {
    const id = attribute(style, 'styleId');
    if (!id) continue;
    const numPr = child(child(style, 'pPr'), 'numPr');
    styles.set(id, {
      numId: value(child(numPr, 'numId')),
      ilvl: integer(value(child(numPr, 'ilvl'))),
      basedOn: value(child(style, 'basedOn')),
    });
  }
  return styles;
}

/** Renders the markers of one document's numbered paragraphs, in document order. */
class ListCounter {
  /**
   * Counters per abstract numbering: every w:num on one definition counts on (ECMA-376 §17.9), and a num
   * with a w:startOverride sets the shared counter to it where that num first numbers a level.
   */
  private readonly counters = new Map<AbstractNum, (number | undefined)[]>();
  private readonly overridden = new Set<string>();

  constructor(
    private readonly definitions: Definitions,
    private readonly styles: Map<string, StyleNumbering>,
  ) {}

  /** The abstract numbering a num stands for, following a numbering style's link (once). */
  private abstractOf(num: Num): AbstractNum | undefined {
    const abstract = this.definitions.abstractNums.get(num.abstractNumId);
    if (!abstract?.numStyleLink) return abstract;
    const linked = this.styles.get(abstract.numStyleLink)?.numId;
    const target = linked ? this.definitions.nums.get(linked) : undefined;
    const resolved = target ? this.definitions.abstractNums.get(target.abstractNumId) : undefined;
    return resolved && !resolved.numStyleLink ? resolved : abstract;
  }

  /** The numbering a paragraph style gives, through the styles it is based on. */
  styleNumbering(styleId: string | null): { numId: string | null; ilvl: number | null } {
    const seen = new Set<string>();
    let id = styleId;
    while (id && !seen.has(id)) {
      seen.add(id);
      const style = this.styles.get(id);
      if (!style) break;
      if (style.numId !== null) return { numId: style.numId, ilvl: style.ilvl };
      id = style.basedOn;
    }
    return { numId: null, ilvl: null };
  }

  /** The marker Word shows before a paragraph numbered (numId, ilvl), or null when it shows none. */
  next(numId: string, ilvl: number | null, styleId: string | null): string | null {
    const num = this.definitions.nums.get(numId);
    const abstract = num ? this.abstractOf(num) : undefined;
    if (!num || !abstract) return null;
    let level = ilvl;
    if (level === null && styleId) {
      // A style linked to a level (w:lvl/w:pStyle) numbers at that level.
      for (const [index, candidate] of abstract.levels) if (candidate.pStyle === styleId) level = index;
    }
    level = Math.min(Math.max(level ?? 0, 0), LEVELS - 1);
    const levelOf = (index: number) => num.overrides.get(index)?.level ?? abstract.levels.get(index);
    const startOf = (index: number) => num.overrides.get(index)?.start ?? levelOf(index)?.start ?? 0;
    const definition = levelOf(level);
    if (!definition) return null;

    const counts = this.counters.get(abstract) ?? Array.from({ length: LEVELS }, () => undefined);
    this.counters.set(abstract, counts);
    const restartsHere = num.overrides.get(level)?.start != null && !this.overridden.has(`${numId}:${level}`);
    this.overridden.add(`${numId}:${level}`);
    counts[level] = counts[level] === undefined || restartsHere ? startOf(level) : counts[level]! + 1;
    for (let deeper = level + 1; deeper < LEVELS; deeper++) {
      const restart = levelOf(deeper)?.lvlRestart ?? null;
      if (restart === 0) continue;
      if (level <= (restart ?? deeper) - 1) counts[deeper] = undefined;
    }

    if (definition.lvlText === null || definition.numFmt === 'bullet') return null;
    const text = definition.lvlText.replace(/%([1-9])/g, (_, digit: string) => {
      const index = Number(digit) - 1;
      const referenced = levelOf(index);
      const count = counts[index] ?? startOf(index);
      const format = definition.isLgl ? 'decimal' : (referenced?.numFmt ?? 'decimal');
      return formatListNumber(count, format) ?? '';
    });
    return text === '' ? null : text + definition.suffix;
  }
}

const RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/**
 * The names of a main document's numbering and styles parts, as its relationships name them
 * (word/numbering.xml and word/styles.xml when they say nothing), its relationships read through `read`.
 */
export function numberingPartNames(
  mainDocument: string,
  read: (name: string) => string | undefined,
): { readonly numbering: string; readonly styles: string } {
  const slash = mainDocument.lastIndexOf('/');
  const directory = mainDocument.slice(0, slash + 1);
  const relationships = parseXml(read(`${directory}_rels/${mainDocument.slice(slash + 1)}.rels`) ?? '');
  const target = (type: string) => {
    const list = relationships?.getElementsByTagNameNS(RELATIONSHIPS, 'Relationship');
    for (let i = 0; i < (list?.length ?? 0); i++) {
      const relationship = list!.item(i)!;
      const found = relationship.getAttribute('Target');
      if (relationship.getAttribute('Type')?.endsWith(`/${type}`) && found) {
        return found.startsWith('/') ? found.slice(1) : `${directory}${found}`;
      }
    }
    return `${directory}${type}.xml`;
  };
  return { numbering: target('numbering'), styles: target('styles') };
}

export interface NumberingParts {
  readonly numbering: string | undefined;
  readonly styles: string | undefined;
}

/**
 * The main document with every numbered paragraph's marker written in as its first run. Returns the
 * document unchanged when nothing is numbered or a part cannot be parsed.
 */
export function writeListNumbers(documentXml: string, parts: NumberingParts): string {
  if (!parts.numbering) return documentXml;
  const styleNumbered = parts.styles?.includes('numPr') ?? false;
  if (!documentXml.includes('numPr') && !styleNumbered) return documentXml;
  try {
    return numberParagraphs(documentXml, parts.numbering, parts.styles);
  } catch {
    // Numbers are a help for reading, never a reason to refuse a document mammoth can read.
    return documentXml;
  }
}

/** A paragraph as the numbering needs it: its style and numbering, and where its marker run goes. */
interface ParagraphFacts {
  /** Where a run put first in the paragraph goes: after its properties, or after its start tag. */
  insertAt: number;
  /** The prefix the paragraph's own name uses for the WordprocessingML namespace ('' when it is the default one). */
  readonly prefix: string;
  /** Inside mc:Choice, the branch of alternate content mammoth skips (it reads the fallback). */
  readonly skipped: boolean;
  hasProperties: boolean;
  styleId: string | null;
  hasNumPr: boolean;
  numId: string | null;
  ilvl: string | null;
}

type Role = 'paragraph' | 'properties' | 'numPr' | 'other';

const wordValue = (tag: SaxesTagNS) => {
  for (const attribute of Object.values(tag.attributes)) {
    if (attribute.uri === W && attribute.local === 'val') return attribute.value || null;
  }
  return null;
};

/**
 * The document's paragraphs in document order, read in one pass with saxes (string positions, no DOM),
 * or null when the XML is not well-formed. The first w:pPr of a paragraph, its first w:pStyle and w:numPr,
 * and the numPr's first w:numId and w:ilvl count, as a DOM walk over first children would read them.
 */
function readParagraphs(documentXml: string): ParagraphFacts[] | null {
  const parser = new SaxesParser({ xmlns: true });
  const open: { role: Role; paragraph?: ParagraphFacts; choice: boolean }[] = [];
  const paragraphs: ParagraphFacts[] = [];
  let choices = 0;
  let seenStyle = false;
  let seenNumId = false;
  let seenIlvl = false;
  parser.on('opentag', (tag) => {
    const parent = open[open.length - 1];
    const choice = tag.uri === MC && tag.local === 'Choice';
    let role: Role = 'other';
    let paragraph = parent?.paragraph;
    if (tag.uri === W && tag.local === 'p') {
      role = 'paragraph';
      paragraph = {
        insertAt: parser.position,
        prefix: tag.prefix,
        skipped: choices > 0,
        hasProperties: false,
        styleId: null,
        hasNumPr: false,
        numId: null,
        ilvl: null,
      };
      // A self-closed paragraph has no properties, so nothing numbers it.
      if (!tag.isSelfClosing) paragraphs.push(paragraph);
    } else if (tag.uri === W && parent && paragraph) {
      if (parent.role === 'paragraph' && tag.local === 'pPr' && !paragraph.hasProperties) {
        role = 'properties';
        paragraph.hasProperties = true;
        seenStyle = false;
        paragraph.hasNumPr = false;
      } else if (parent.role === 'properties' && tag.local === 'pStyle' && !seenStyle) {
        seenStyle = true;
        paragraph.styleId = wordValue(tag);
      } else if (parent.role === 'properties' && tag.local === 'numPr' && !paragraph.hasNumPr) {
        role = 'numPr';
        paragraph.hasNumPr = true;
        seenNumId = false;
        seenIlvl = false;
      } else if (parent.role === 'numPr' && tag.local === 'numId' && !seenNumId) {
        seenNumId = true;
        paragraph.numId = wordValue(tag);
      } else if (parent.role === 'numPr' && tag.local === 'ilvl' && !seenIlvl) {
        seenIlvl = true;
        paragraph.ilvl = wordValue(tag);
      }
    }
    if (role === 'other' && parent?.role !== 'properties' && parent?.role !== 'numPr') paragraph = undefined;
    if (choice) choices++;
    open.push({ role, paragraph, choice });
  });
  parser.on('closetag', () => {
    const closed = open.pop();
    if (closed?.choice) choices--;
    if (closed?.role === 'properties' && closed.paragraph) closed.paragraph.insertAt = parser.position;
  });
  parser.on('error', (error) => {
    throw error;
  });
  try {
    parser.write(documentXml).close();
  } catch {
    return null;
  }
  return paragraphs;
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function numberParagraphs(documentXml: string, numbering: string, styles: string | undefined): string {
  const definitions = readDefinitions(numbering);
  const paragraphs = definitions ? readParagraphs(documentXml) : null;
  if (!definitions || !paragraphs) return documentXml;
  const counter = new ListCounter(definitions, readStyles(styles));

  const insertions: { at: number; run: string }[] = [];
  for (const paragraph of paragraphs) {
    if (paragraph.skipped) continue;
    const fromStyle = counter.styleNumbering(paragraph.styleId);
    const numId = paragraph.numId ?? fromStyle.numId;
    const ilvl = integer(paragraph.ilvl) ?? (paragraph.hasNumPr ? null : fromStyle.ilvl);
    // numId 0 takes away the numbering a style would give.
    if (numId === null || numId === '0') continue;
    const marker = counter.next(numId, ilvl, paragraph.styleId);
    if (marker === null) continue;
    const name = (local: string) => (paragraph.prefix ? `${paragraph.prefix}:${local}` : local);
    insertions.push({
      at: paragraph.insertAt,
      run: `<${name('r')}><${name('t')} xml:space="preserve">${escapeText(marker)}</${name('t')}></${name('r')}>`,
    });
  }
  if (insertions.length === 0) return documentXml;
  // Stable: two markers never share a place, but a paragraph's properties may follow a nested one's.
  insertions.sort((a, b) => a.at - b.at);
  const out: string[] = [];
  let from = 0;
  for (const { at, run } of insertions) {
    out.push(documentXml.slice(from, at), run);
    from = at;
  }
  out.push(documentXml.slice(from));
  return out.join('');
}
