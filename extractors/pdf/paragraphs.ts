/**
 * Lines outside tables → paragraphs, the way a reader sees them: a wrapped line continues its
 * paragraph (also across a page break); a first-line indent, a line ending clearly short of the
 * right margin, a numbered heading (一、（一）1.), a change of font size or a large vertical gap
 * starts a new one; a numbered heading's line that stops short or closes with 。/： ends its own. Page numbers and running headers/footers are dropped first.
 */
import type { TextLineBox } from '../model/document-model.js';
import type { Box, TextLine } from './geometry.js';
import { extent, median } from './geometry.js';
import { wrapSeparator } from './lines.js';
import { glyphAscent, glyphDescent } from './table-assembly.js';

export interface PageLines {
  page: number;
  width: number;
  height: number;
  /** Lines outside tables, top to bottom. */
  lines: TextLine[];
  /** Outlines of the page's tables: a paragraph never runs across one. */
  tables: Box[];
}

export interface ParagraphDraft {
  page: number;
  /** Top of the first line, for ordering among the page's tables. */
  top: number;
  text: string;
  size: number;
  headingLevel: number | null;
  /** Each line's range of `text` and outline in PDF points from the page's lower-left corner. */
  lines: TextLineBox[];
}

function lineBox(line: TextLine, page: PageLines, start: number): TextLineBox {
  const round = (value: number): number => Math.round(value * 100) / 100;
  const box: TextLineBox = {
    start,
    end: start + line.text.length,
    page: page.page,
    box: [
      round(line.left),
      round(page.height - (line.y + line.size * glyphDescent)),
      round(line.right),
      round(page.height - (line.y - line.size * glyphAscent)),
    ],
  };
  if (line.confidence !== undefined) box.confidence = line.confidence;
  return box;
}

/** Share of the page height at the top and bottom where headers, footers and page numbers live. */
export const FURNITURE_BAND = 0.12;
const pageNumberPattern =
  /^[-—–－~\s]*(第\s*)?[0-9０-９ivxlcIVXLC]+\s*(页)?\s*([/／]\s*[0-9０-９]+|[，,]?\s*共\s*[0-9０-９]+\s*页)?[-—–－~\s]*$/;
const pageOfPattern = /^(page\s*)?\d+\s*(of|\/)\s*\d+$/i;
const headingPattern =
  /^([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[、.．](?!\d)|[（(]\d{1,2}[）)]|第[一二三四五六七八九十]+[章节部分条]|附件)/;
const sentenceEnd = /[。！？；;!?：:…」』”）)]$/;
/** A heading line closing with these ends its paragraph when the next line starts under it. */
const headingEnd = /[。：:]$/;
/** A heading line this many ems short of the margin ends its paragraph. */
const HEADING_SHORT_EMS = 2.5;
/** A number or Latin word at the start of a line: it may have been pushed down whole from the line above. */
const unbreakableStart = /^[A-Za-z0-9０-９.,%．，/／-]+/;

const furnitureKey = (text: string): string => text.replace(/\s+/g, '').replace(/[0-9０-９]+/g, '#');

function isPageNumber(text: string): boolean {
  const t = text.trim();
  return t !== '' && (pageNumberPattern.test(t) || pageOfPattern.test(t));
}

/** Removes page numbers and headers/footers repeated on most pages (only within the top and bottom bands). */
export function dropPageFurniture(pages: PageLines[]): PageLines[] {
  const inTop = (p: PageLines, l: TextLine): boolean => l.y < p.height * FURNITURE_BAND;
  const inBottom = (p: PageLines, l: TextLine): boolean => l.y > p.height * (1 - FURNITURE_BAND);
  const counts = new Map<string, Set<number>>();
  for (const p of pages) {
    for (const line of p.lines) {
      const band = inTop(p, line) ? 'top' : inBottom(p, line) ? 'bottom' : null;
      if (!band) continue;
      const key = `${band}:${furnitureKey(line.text)}`;
      let set = counts.get(key);
      if (!set) {
        set = new Set();
        counts.set(key, set);
      }
      set.add(p.page);
    }
  }
  const repeated = (key: string): boolean => {
    const n = counts.get(key)?.size ?? 0;
    return pages.length >= 2 && n >= 2 && n >= pages.length / 2;
  };
  return pages.map((p) => ({
    ...p,
    lines: p.lines.filter((line) => {
      const band = inTop(p, line) ? 'top' : inBottom(p, line) ? 'bottom' : null;
      if (!band) return true;
      return !isPageNumber(line.text) && !repeated(`${band}:${furnitureKey(line.text)}`);
    }),
  }));
}

interface Margins {
  left: number;
  right: number;
}

function spanOf(lines: TextLine[]): Margins {
  return { left: extent(lines.map((l) => l.left)).min, right: extent(lines.map((l) => l.right)).max };
}

function pageMargins(pages: PageLines[]): Map<number, Margins> {
  const own = new Map<number, Margins | null>();
  for (const p of pages) {
    own.set(p.page, p.lines.length >= 4 ? spanOf(p.lines) : null);
  }
  const result = new Map<number, Margins>();
  for (const p of pages) {
    let margins = own.get(p.page) ?? null;
    if (!margins) {
      // Few lines (a table page): borrow the margins of the nearest page of the same width.
      const donors = pages
        .filter((q) => own.get(q.page) && Math.abs(q.width - p.width) < 1)
        .sort((a, b) => Math.abs(a.page - p.page) - Math.abs(b.page - p.page));
      margins = donors[0] ? own.get(donors[0].page)! : null;
    }
    if (!margins && p.lines.length > 0) margins = spanOf(p.lines);
    result.set(p.page, margins ?? { left: 0, right: p.width });
  }
  return result;
}

/** Typical baseline-to-baseline distance of consecutive lines of the same size, per rounded size. */
function typicalPitch(pages: PageLines[]): Map<number, number> {
  const samples = new Map<number, number[]>();
  for (const p of pages) {
    for (let i = 1; i < p.lines.length; i++) {
      const a = p.lines[i - 1]!;
      const b = p.lines[i]!;
      if (Math.abs(a.size - b.size) > 0.5) continue;
      const dy = b.y - a.y;
      if (dy < 0.9 * a.size || dy > 3 * a.size) continue;
      const key = Math.round(a.size);
      let list = samples.get(key);
      if (!list) {
        list = [];
        samples.set(key, list);
      }
      list.push(dy);
    }
  }
  return new Map([...samples].map(([size, list]) => [size, median(list)]));
}

function tableBetween(tables: Box[], from: number, to: number): boolean {
  return tables.some((t) => t.top >= from - 1 && t.bottom <= to + 1);
}

/** Builds the document's paragraphs in reading order (page, then top to bottom). */
export function buildParagraphs(input: PageLines[]): ParagraphDraft[] {
  const pages = dropPageFurniture(input);
  const margins = pageMargins(pages);
  const pitch = typicalPitch(pages);
  const drafts: ParagraphDraft[] = [];
  let current: ParagraphDraft | null = null;
  let previous: TextLine | null = null;
  let previousMargins: Margins | null = null;

  for (const p of pages) {
    const m = margins.get(p.page)!;
    const firstTop = p.lines[0] ? p.lines[0].y - p.lines[0].size : Infinity;
    // A paragraph only runs on to the next page when no table stands between.
    const tableAtTop = p.tables.some((t) => t.top < firstTop);
    if (current && tableAtTop) current = null;
    p.lines.forEach((line, i) => {
      const above = i > 0 ? p.lines[i - 1]! : null;
      const crossesTable = above ? tableBetween(p.tables, above.y, line.y - line.size) : false;
      const startsNew =
        !current ||
        !previous ||
        crossesTable ||
        startsParagraph(previous, line, previousMargins ?? m, m, above ? pitch.get(Math.round(line.size)) : undefined);
      if (startsNew) {
        current = {
          page: p.page,
          top: line.y - line.size,
          text: line.text,
          size: line.size,
          headingLevel: null,
          lines: [lineBox(line, p, 0)],
        };
        drafts.push(current);
      } else {
        current!.text += wrapSeparator(current!.text, line.text);
        current!.lines.push(lineBox(line, p, current!.text.length));
        current!.text += line.text;
      }
      previous = line;
      previousMargins = m;
    });
    // A table below the last line closes the paragraph.
    const lastLine = p.lines.at(-1);
    if (lastLine && p.tables.some((t) => t.top > lastLine.y)) current = null;
  }
  assignHeadingLevels(drafts);
  return drafts;
}

function startsParagraph(
  previous: TextLine,
  line: TextLine,
  previousMargins: Margins,
  margins: Margins,
  pitch: number | undefined,
): boolean {
  const size = line.size;
  if (Math.abs(previous.size - size) > 0.15 * Math.max(previous.size, size)) return true;
  if (headingPattern.test(line.text)) return true;
  if (endsHeading(previous, line, previousMargins)) return true;
  // Same page: a gap well beyond the usual line pitch.
  if (pitch !== undefined && line.y > previous.y && line.y - previous.y > 1.45 * pitch) return true;
  const width = previousMargins.right - previousMargins.left;
  const shortBy = previousMargins.right - previous.right;
  const previousShort = shortBy > 2 * previous.size && (sentenceEnd.test(previous.text) || shortBy > 0.25 * width);
  if (previousShort) return true;
  const indented = line.left - margins.left > 0.8 * size;
  if (!indented) return false;
  // A long centered title wraps onto a centered line: that is still the same paragraph.
  const centre = (margins.left + margins.right) / 2;
  const centered = Math.abs((line.left + line.right) / 2 - centre) < size;
  const previousFull = shortBy <= 2 * previous.size && !sentenceEnd.test(previous.text);
  return !(centered && previousFull);
}

/**
 * Whether `previous`, a line opening with a heading marker (一、（一）1. 1、), is a heading of its own
 * rather than the first line of a numbered paragraph: it stops well short of the margin (and not
 * because a number or word too long for the rest of the line moved down whole), or it closes with
 * 。/： and the next line starts at the same x, not as a hanging continuation.
 */
function endsHeading(previous: TextLine, line: TextLine, margins: Margins): boolean {
  if (!headingPattern.test(previous.text)) return false;
  const size = previous.size;
  if (headingEnd.test(previous.text) && Math.abs(line.left - previous.left) <= 0.5 * size) return true;
  const shortBy = margins.right - previous.right;
  if (shortBy <= HEADING_SHORT_EMS * size) return false;
  const pushed = (line.text.match(unbreakableStart)?.[0].length ?? 0) * 0.6 * line.size;
  return shortBy > pushed + size;
}

/** Heading levels from font size, where obviously larger than the body text: largest size = level 1. */
function assignHeadingLevels(drafts: ParagraphDraft[]): void {
  const weight = new Map<number, number>();
  for (const d of drafts) {
    const key = Math.round(d.size * 2) / 2;
    weight.set(key, (weight.get(key) ?? 0) + d.text.length);
  }
  if (weight.size === 0) return;
  const body = [...weight].sort((a, b) => b[1] - a[1])[0]![0];
  const larger = [...weight.keys()].filter((s) => s >= body * 1.2).sort((a, b) => b - a);
  for (const d of drafts) {
    const level = larger.indexOf(Math.round(d.size * 2) / 2);
    d.headingLevel = level >= 0 ? level + 1 : null;
  }
}
