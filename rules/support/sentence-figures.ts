/** Helpers for the text.* rules, which read the narrative sentences and the figures found in them. */
import { Decimal } from 'decimal.js';
import type { Evidence, Figure, Sentence } from '../../extractors/model/report-schema.js';
import type { DeepReadonly } from '../rule.js';
import { formatInUnit } from './format.js';
import { type Quantity, quantity } from './interval.js';

export type ReadonlyFigure = DeepReadonly<Figure>;
export type ReadonlySentence = DeepReadonly<Sentence>;

/** The figure as an interval; a figure whose value cannot be read is treated as approximate (it must not fail anything). */
export function figureQuantity(figure: ReadonlyFigure): Quantity {
  try {
    return quantity(figure.value, figure.halfUnit || 0, figure.approximate);
  } catch {
    return quantity(0, 0, true);
  }
}

/** Evidence pointing at the sentence the figure stands in. */
export function figureEvidence(sentence: ReadonlySentence, figure: ReadonlyFigure): DeepReadonly<Evidence> {
  const value = Number(figure.value);
  const half = Number(figure.halfUnit);
  return {
    label: figure.label || figure.raw,
    value: Number.isFinite(value) ? value : null,
    text: sentence.text,
    // A PDF figure knows its own place on the page (with its box); else the sentence's.
    location: figure.location ?? sentence.location,
    halfUnit: Number.isFinite(half) ? half : 0,
    approximate: figure.approximate,
    unit: figure.unit,
    // Read by OCR: a finding on it is marked 识别存疑 below the threshold, as on a report figure.
    ...(figure.confidence === undefined ? {} : { confidence: figure.confidence }),
  };
}

/** Measure words that count the same thing (人, 名 and 万人 all count persons; values are in base units). */
export function countUnitFamily(unit: string): string {
  const u = unit.trim().replace(/^[万亿](?=.)/, '');
  if (u === '名' || u === '位' || u === '人') return '人';
  return u;
}

/** Whether two figures measure the same kind of thing and can be added or compared. */
export function compatible(a: ReadonlyFigure, b: ReadonlyFigure): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'money' || a.kind === 'area') return true;
  if (a.kind === 'count') return countUnitFamily(a.unit) === countUnitFamily(b.unit);
  return false;
}

/** A computed value shown like the reference figure (its unit; 万元 stays 万元). */
export function showLikeFigure(
  value: Decimal.Value,
  reference: ReadonlyFigure,
  others: readonly ReadonlyFigure[] = [],
): string {
  const halves = [reference, ...others].map((f) => (Number.isFinite(Number(f.halfUnit)) ? f.halfUnit : '0'));
  return formatInUnit(new Decimal(value), displayUnit(reference), { halves });
}

function displayUnit(figure: ReadonlyFigure): string {
  if (figure.kind === 'money' && !figure.unit.includes('元')) return '元';
  return figure.unit;
}
