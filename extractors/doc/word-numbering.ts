/**
 * What a Word 97–2003 .doc shows before and around a paragraph's text that word-extractor does not
 * give: automatic list numbers and the paragraph's style. A heading 「一、部门基本情况」 numbered by a
 * list (as Word and WPS templates number their headings) is stored as 「部门基本情况」 with a list
 * reference; the marker Word draws is rebuilt here from the list tables (MS-DOC PlfLst with its LVLs,
 * PlfLfo with its overrides) so the .doc reads as its DOCX and its PDF do. The style sheet (STSH) gives
 * each style's name, for the heading level (as the DOCX reader reads it from Heading 1–9 / 标题 1–9),
 * and the list a style numbers with. Every read is bounds-checked: a damaged table stream gives fewer
 * markers and levels, never an exception.
 */
import { headingLevelOf } from '../docx/blocks.js';
import { formatListNumber } from '../docx/number-formats.js';
import { operandSize, SPRM_P_ILFO, SPRM_P_ILVL } from './word-binary.js';

const LEVELS = 9;
const LSTF_BYTES = 28;
const LVLF_BYTES = 28;
const LFO_BYTES = 16;

/** MS-DOC MSONFC → the ECMA-376 numFmt it stands for (MS-DOC 2.2.1.3), as the DOCX reader formats them. */
const NUMBER_FORMATS: Readonly<Record<number, string>> = {
  0: 'decimal',
  1: 'upperRoman',
  2: 'lowerRoman',
  3: 'upperLetter',
  4: 'lowerLetter',
  10: 'ideographDigital',
  11: 'japaneseCounting',
  14: 'decimalFullWidth',
  18: 'decimalEnclosedCircle',
  19: 'decimalFullWidth2',
  22: 'decimalZero',
  23: 'bullet',
  26: 'decimalEnclosedFullstop',
  27: 'decimalEnclosedParen',
  28: 'decimalEnclosedCircleChinese',
  29: 'ideographEnclosedCircle',
  30: 'ideographTraditional',
  31: 'ideographZodiac',
  33: 'taiwaneseCounting',
  34: 'ideographLegalTraditional',
  35: 'taiwaneseCountingThousand',
  37: 'chineseCounting',
  38: 'chineseLegalSimplified',
  39: 'chineseCountingThousand',
  40: 'decimal',
  255: 'none',
};

interface Level {
  readonly start: number;
  readonly numFmt: string;
  /** The number text with each placeholder as the level it stands for (a code point 0–8). */
  readonly text: string;
  readonly legal: boolean;
  /** Counting restarts after a level above it (0-based) at or above this; -1: never; null: after any level above. */
  readonly restartBelow: number | null;
  readonly suffix: string;
}

interface List {
  readonly levels: readonly Level[];
}

interface ListOverride {
  readonly list: List;
  /** Per level: a start the first paragraph of this override restarts at, and a replacement level. */
  readonly starts: ReadonlyMap<number, number>;
  readonly levels: ReadonlyMap<number, Level>;
}

/** The document's lists, by the 1-based ilfo a paragraph refers to. */
export type ListTables = ReadonlyMap<number, ListOverride>;

/** One style of the style sheet: its name, and the list numbering its paragraph properties set. */
export interface ParagraphStyle {
  readonly name: string;
  /** The built-in style it is (sti: 1–9 heading 1–9, 62 Title), 0x0ffe for a user-defined style. */
  readonly sti: number;
  readonly ilfo: number | null;
  readonly ilvl: number | null;
  readonly basedOn: number | null;
}

const fibPair = (wordDocument: Buffer, offset: number) =>
  offset + 8 <= wordDocument.length
    ? { fc: wordDocument.readUInt32LE(offset), lcb: wordDocument.readUInt32LE(offset + 4) }
    : { fc: 0, lcb: 0 };

/** One LVL at `at`: its LVLF, grpprlPapx, grpprlChpx and number text; null when it runs past the buffer. */
function readLevel(table: Buffer, at: number): { level: Level; end: number } | null {
  if (at + LVLF_BYTES + 2 > table.length) return null;
  const start = table.readInt32LE(at);
  const nfc = table[at + 4]!;
  const flags = table[at + 5]!;
  const ixchFollow = table[at + 15]!;
  const cbChpx = table[at + 24]!;
  const cbPapx = table[at + 25]!;
  const ilvlRestartLim = table[at + 26]!;
  const xst = at + LVLF_BYTES + cbPapx + cbChpx;
  if (xst + 2 > table.length) return null;
  const cch = table.readUInt16LE(xst);
  const end = xst + 2 + cch * 2;
  if (end > table.length) return null;
  const text = table.subarray(xst + 2, end).toString('utf16le');
  const noRestart = (flags & 0x08) !== 0;
  return {
    level: {
      start,
      numFmt: NUMBER_FORMATS[nfc] ?? 'decimal',
      text,
      legal: (flags & 0x04) !== 0,
      restartBelow: noRestart ? (ilvlRestartLim === 0 ? -1 : ilvlRestartLim - 1) : null,
      // A tab after the number shows as a gap, which a PDF's text reads as one space (as in the DOCX reader).
      suffix: ixchFollow === 2 ? '' : ' ',
    },
    end,
  };
}

/** The lists (PlfLst and the LVLs after it) and their overrides (PlfLfo), by ilfo. */
export function readListTables(wordDocument: Buffer, table: Buffer): ListTables {
  const result = new Map<number, ListOverride>();
  const lst = fibPair(wordDocument, 0x2e2);
  const lfo = fibPair(wordDocument, 0x2ea);
  if (lst.lcb < 2 || lst.fc + lst.lcb > table.length || lfo.lcb < 4 || lfo.fc + lfo.lcb > table.length) return result;
  const count = table.readInt16LE(lst.fc);
  if (count <= 0 || lst.fc + 2 + count * LSTF_BYTES > table.length) return result;
  const lists = new Map<number, List>();
  // The LVLs stand right after the PlfLst, list by list: one for a simple list, nine otherwise.
  let at = lst.fc + lst.lcb;
  for (let i = 0; i < count; i++) {
    const lstf = lst.fc + 2 + i * LSTF_BYTES;
    const lsid = table.readInt32LE(lstf);
    const simple = (table[lstf + 26]! & 0x01) !== 0;
    const levels: Level[] = [];
    for (let l = 0; l < (simple ? 1 : LEVELS); l++) {
      const read = readLevel(table, at);
      if (!read) return result;
      levels.push(read.level);
      at = read.end;
    }
    lists.set(lsid, { levels });
  }
  const lfoCount = table.readInt32LE(lfo.fc);
  if (lfoCount <= 0 || lfo.fc + 4 + lfoCount * LFO_BYTES > table.length) return result;
  // The LFOData follow the LFOs: a cp, then the LFOLVL overrides each LFO declares.
  let data = lfo.fc + 4 + lfoCount * LFO_BYTES;
  for (let i = 0; i < lfoCount; i++) {
    const entry = lfo.fc + 4 + i * LFO_BYTES;
    const list = lists.get(table.readInt32LE(entry));
    const overrides = table[entry + 12]!;
    const starts = new Map<number, number>();
    const levels = new Map<number, Level>();
    data += 4;
    for (let o = 0; o < overrides; o++) {
      if (data + 8 > table.length) break;
      const startAt = table.readInt32LE(data);
      const flags = table.readUInt32LE(data + 4);
      const ilvl = flags & 0x0f;
      data += 8;
      if ((flags & 0x20) !== 0) {
        const read = readLevel(table, data);
        if (!read) break;
        levels.set(ilvl, read.level);
        starts.set(ilvl, read.level.start);
        data = read.end;
      } else if ((flags & 0x10) !== 0) starts.set(ilvl, startAt);
    }
    if (list) result.set(i + 1, { list, starts, levels });
  }
  return result;
}

/** The paragraph styles of the style sheet (STSH), by istd. */
export function readParagraphStyles(wordDocument: Buffer, table: Buffer): Map<number, ParagraphStyle> {
  const styles = new Map<number, ParagraphStyle>();
  const { fc, lcb } = fibPair(wordDocument, 0xa2);
  if (lcb < 4 || fc + lcb > table.length) return styles;
  const sheet = table.subarray(fc, fc + lcb);
  const cbStshi = sheet.readUInt16LE(0);
  if (2 + cbStshi > sheet.length || cbStshi < 4) return styles;
  const count = sheet.readUInt16LE(2);
  const baseBytes = sheet.readUInt16LE(4);
  let at = 2 + cbStshi;
  for (let istd = 0; istd < count && at + 2 <= sheet.length; istd++) {
    const size = sheet.readUInt16LE(at);
    const std = sheet.subarray(at + 2, Math.min(at + 2 + size, sheet.length));
    at += 2 + size;
    if (size === 0 || std.length < baseBytes + 2) continue;
    const sti = std.readUInt16LE(0) & 0x0fff;
    const stk = std.readUInt16LE(2) & 0x0f;
    const istdBase = std.readUInt16LE(2) >> 4;
    if (stk !== 1) continue;
    const cch = std.readUInt16LE(baseBytes);
    const nameEnd = baseBytes + 2 + cch * 2;
    if (nameEnd > std.length) continue;
    const name = std.subarray(baseBytes + 2, nameEnd).toString('utf16le');
    // The paragraph UPX follows the name's terminating null: cbUpx, istd, grpprlPapx.
    let upx = nameEnd + 2;
    let ilfo: number | null = null;
    let ilvl: number | null = null;
    if (upx + 4 <= std.length) {
      const cbUpx = std.readUInt16LE(upx);
      upx += 2;
      const grpprl = std.subarray(upx + 2, Math.min(upx + cbUpx, std.length));
      ({ ilfo, ilvl } = readListSprms(grpprl));
    }
    styles.set(istd, { name, sti, ilfo, ilvl, basedOn: istdBase === 0x0fff ? null : istdBase });
  }
  return styles;
}

/** sprmPIlfo and sprmPIlvl in a paragraph grpprl. */
export function readListSprms(grpprl: Buffer): { ilfo: number | null; ilvl: number | null } {
  let ilfo: number | null = null;
  let ilvl: number | null = null;
  let at = 0;
  while (at + 2 <= grpprl.length) {
    const sprm = grpprl.readUInt16LE(at);
    at += 2;
    const size = operandSize(grpprl, at, sprm);
    if (size === null || at + size > grpprl.length) break;
    if (sprm === SPRM_P_ILVL) ilvl = grpprl[at]!;
    else if (sprm === SPRM_P_ILFO) ilfo = grpprl.readInt16LE(at);
    at += size;
  }
  return { ilfo, ilvl };
}

/** Renders list markers in document order, counting per list as Word does (every override of one list counts on). */
export class ListMarkers {
  private readonly counters = new Map<List, (number | undefined)[]>();
  private readonly restarted = new Set<string>();

  constructor(private readonly lists: ListTables) {}

  /** The marker before a paragraph of list override `ilfo` at level `ilvl`, or null when Word draws none. */
  next(ilfo: number, ilvl: number): string | null {
    const override = this.lists.get(ilfo);
    if (!override) return null;
    const level = Math.min(Math.max(ilvl, 0), override.list.levels.length - 1);
    const levelOf = (index: number) => override.levels.get(index) ?? override.list.levels[index];
    const startOf = (index: number) => override.starts.get(index) ?? levelOf(index)?.start ?? 0;
    const definition = levelOf(level);
    if (!definition) return null;
    const counts = this.counters.get(override.list) ?? Array.from({ length: LEVELS }, () => undefined);
    this.counters.set(override.list, counts);
    const key = `${ilfo}:${level}`;
    const restartsHere = override.starts.has(level) && !this.restarted.has(key);
    this.restarted.add(key);
    counts[level] = counts[level] === undefined || restartsHere ? startOf(level) : counts[level]! + 1;
    for (let deeper = level + 1; deeper < LEVELS; deeper++) {
      const restart = levelOf(deeper)?.restartBelow ?? null;
      if (restart === -1) continue;
      if (restart === null || level <= restart) counts[deeper] = undefined;
    }
    if (definition.numFmt === 'bullet' || definition.numFmt === 'none') return null;
    let text = '';
    for (const ch of definition.text) {
      const index = ch.charCodeAt(0);
      if (index >= LEVELS) {
        text += ch;
        continue;
      }
      const referenced = levelOf(index);
      const format = definition.legal ? 'decimal' : (referenced?.numFmt ?? 'decimal');
      text += formatListNumber(counts[index] ?? startOf(index), format) ?? '';
    }
    return text === '' ? null : text + definition.suffix;
  }
}

/** A paragraph's heading level and list marker from its properties and its style (with the styles it is based on). */
export class ParagraphLook {
  private readonly markers: ListMarkers;

  constructor(
    private readonly styles: ReadonlyMap<number, ParagraphStyle>,
    lists: ListTables,
  ) {
    this.markers = new ListMarkers(lists);
  }

  /** Heading 1–9 / 标题 1–9 → 1–9, Title → 0, as the DOCX reader reads the style name; else the built-in style's sti. */
  headingLevel(istd: number): number | null {
    const style = this.styles.get(istd);
    if (!style) return null;
    const byName = headingLevelOf(style.name, null);
    if (byName !== null) return byName;
    if (style.sti >= 1 && style.sti <= 9) return style.sti;
    return style.sti === 62 ? 0 : null;
  }

  /** The list marker Word draws before the paragraph (counted: call once per paragraph, in order), or null. */
  marker(run: { istd: number; ilfo: number | null; ilvl: number | null }): string | null {
    let ilfo = run.ilfo;
    let ilvl = run.ilvl;
    const seen = new Set<number>();
    for (let istd: number | null = run.istd; istd !== null && !seen.has(istd); ) {
      seen.add(istd);
      const style = this.styles.get(istd);
      if (!style) break;
      ilfo ??= style.ilfo;
      ilvl ??= style.ilvl;
      istd = style.basedOn;
    }
    return ilfo !== null && ilfo > 0 ? this.markers.next(ilfo, ilvl ?? 0) : null;
  }
}
