/**
 * The narrative of a submission as the typed extractors and the text rules read it: every paragraph
 * split into sentences, each with its figures, plus the numbered headings. Extractors mark the
 * figures they take (`usedBy`) so the text rules can leave those to the typed rules.
 */
import type { Block, ParagraphBlock, TextLineBox, TextLocation } from '../model/document-model.js';
import type { Heading, Sentence } from '../model/report-schema.js';
import { textBox, textConfidence } from '../model/text-box.js';
import { type FigureDraft, findFigures } from '../text/figures.js';
import { findHeadings, readHeadingMarker } from '../text/headings.js';
import { decimalString } from '../text/numbers.js';
import { splitSentences } from '../text/sentences.js';

export interface NarrativeSentence {
  readonly text: string;
  readonly offset: number;
  readonly location: TextLocation;
  /** Index of the sentence's paragraph in `Narrative.paragraphs`. */
  readonly paragraph: number;
  /** Length of the numbering marker the sentence starts with (「2.」), 0 when none. */
  readonly markerLength: number;
  readonly figures: readonly FigureDraft[];
  /** Dotted report path that took each figure, by figure index. */
  readonly usedBy: (string | null)[];
  /** The paragraph's text and its lines on the PDF page (absent for other formats), for a figure's box. */
  readonly geometry?: { readonly text: string; readonly lines: readonly TextLineBox[] };
}

export interface Narrative {
  readonly paragraphs: readonly ParagraphBlock[];
  readonly sentences: readonly NarrativeSentence[];
  readonly headings: readonly Heading[];
  /** Paragraph indices (in `paragraphs`) that open with a numbered heading. */
  readonly headingParagraphs: ReadonlySet<number>;
}

/** How many leading characters of a sentence are a numbering marker rather than text with figures. */
function markerLength(sentence: { text: string; offset: number }, paragraphMarkerEnd: number | undefined): number {
  if (paragraphMarkerEnd !== undefined && sentence.offset < paragraphMarkerEnd) {
    return Math.max(0, paragraphMarkerEnd - sentence.offset);
  }
  const marker = readHeadingMarker(sentence.text);
  return marker && !marker.ambiguous ? marker.end : 0;
}

export function readNarrative(blocks: readonly Block[]): Narrative {
  const paragraphs = blocks.filter((block): block is ParagraphBlock => block.kind === 'paragraph');
  const found = findHeadings(paragraphs);
  const { markerEnds } = found;
  // A PDF heading's location also outlines the heading's words on the page (SPEC §7 box).
  const headings = found.headings.map((heading): Heading => {
    const paragraph = paragraphs.find((p) => p.location.paragraph === heading.location.paragraph);
    if (!paragraph?.lines) return heading;
    const end = Math.min(paragraph.text.length, Math.max(1, heading.text.length));
    const placed = textBox(paragraph.lines, paragraph.text, 0, end);
    return placed ? { ...heading, location: { ...heading.location, page: placed.page, box: placed.box } } : heading;
  });
  const sentences: NarrativeSentence[] = [];
  paragraphs.forEach((paragraph, index) => {
    for (const span of splitSentences(paragraph.text)) {
      const marker = markerLength(span, markerEnds.get(index));
      const figures = findFigures(span.text, marker);
      sentences.push({
        text: span.text,
        offset: span.offset,
        location: { ...paragraph.location },
        paragraph: index,
        markerLength: marker,
        figures,
        usedBy: figures.map(() => null),
        ...(paragraph.lines ? { geometry: { text: paragraph.text, lines: paragraph.lines } } : {}),
      });
    }
  });
  return { paragraphs, sentences, headings, headingParagraphs: new Set(markerEnds.keys()) };
}

/** The sentences as the extraction sidecar carries them (SPEC figure schema). */
export function sentencesForSidecar(narrative: Narrative): Sentence[] {
  return narrative.sentences.map((sentence) => ({
    text: sentence.text,
    location: { ...sentence.location },
    offset: sentence.offset,
    figures: sentence.figures.map((figure, i) => ({
      raw: figure.raw,
      value: decimalString(figure.value),
      halfUnit: decimalString(figure.halfUnit),
      kind: figure.kind,
      unit: figure.unit,
      approximate: figure.approximate,
      label: figure.label,
      start: figure.start,
      end: figure.end,
      ...figureLocation(sentence, figure),
      usedBy: sentence.usedBy[i] ?? null,
    })),
  }));
}

/**
 * A PDF figure's own page and box, when the paragraph's lines are known, and its recognition
 * confidence when OCR read it (so that a text.* finding on it is marked 识别存疑 like any other).
 */
function figureLocation(
  sentence: NarrativeSentence,
  figure: FigureDraft,
): { location?: Sentence['location']; confidence?: number } {
  if (!sentence.geometry) return {};
  const { lines, text } = sentence.geometry;
  const placed = textBox(lines, text, sentence.offset + figure.start, sentence.offset + figure.end);
  const confidence = textConfidence(lines, sentence.offset + figure.start, sentence.offset + figure.end);
  return {
    ...(placed ? { location: { ...sentence.location, page: placed.page, box: placed.box } } : {}),
    ...(confidence === undefined ? {} : { confidence }),
  };
}

/** One figure of the narrative with the sentence it stands in. */
export interface FigureRef {
  readonly sentence: NarrativeSentence;
  readonly index: number;
  readonly figure: FigureDraft;
}

/** The figure lists already built, by sentence list: six extractors each walk every figure of the same narrative. */
const figureRefs = new WeakMap<readonly NarrativeSentence[], readonly FigureRef[]>();

export function figuresOf(sentences: readonly NarrativeSentence[]): readonly FigureRef[] {
  let refs = figureRefs.get(sentences);
  if (refs === undefined) {
    refs = Object.freeze(
      sentences.flatMap((sentence) => sentence.figures.map((figure, index) => ({ sentence, index, figure }))),
    );
    figureRefs.set(sentences, refs);
  }
  return refs;
}

/** A count of persons (人, 名, 位, 个) — staffing, drug control and welfare state people this way. */
export function isPersonCount(figure: FigureDraft): boolean {
  return figure.kind === 'count' && ['人', '名', '位', '个'].includes(figure.unit);
}
