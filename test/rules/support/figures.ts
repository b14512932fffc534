/**
 * A small figure finder for hand-built test sentences: Arabic numbers with their measure word, as
 * the report parser records them (value in base units, half of the last stated digit, kind, label).
 * It only has to read the sentences the rule tests write; odd figures are given explicitly.
 */
import { Decimal } from 'decimal.js';
import type { Figure } from '../../../extractors/model/report-schema.js';

const pattern =
  /(约|近|逾|超过)?(\d+(?:\.\d+)?)(余|多)?(万元|亿元|元|万亩|亩|%|％|年度|年|人次|万人|人|名|户|起|件|处|次|个|项|套|头|只|匹|羽|吨|期|分|位|家|所|条|场|批|岁)?(余|多|左右|以上|以下)?/g;

const leading = ['其中', '共计', '合计', '共', '达到', '达', '为', '是', '约', '对', '的'];
const trailing = ['达到', '达', '为', '是', '共计', '共', '约'];

function kindOf(unit: string, digits: string): Figure['kind'] {
  if (unit.endsWith('元')) return 'money';
  if (unit.endsWith('亩')) return 'area';
  if (unit === '%' || unit === '％') return 'rate';
  if (unit === '年' || unit === '年度') return /^\d{4}$/.test(digits) ? 'year' : 'other';
  if (unit === '分') return 'points';
  if (unit === '岁') return 'other';
  return unit === '' ? 'other' : 'count';
}

function scaleOf(unit: string): Decimal {
  if (unit === '%' || unit === '％') return new Decimal('0.01');
  if (unit.startsWith('亿')) return new Decimal(1e8);
  if (unit.startsWith('万')) return new Decimal(1e4);
  return new Decimal(1);
}

function labelBefore(text: string, at: number, floor = 0): string {
  let i = at;
  while (i > floor && /[\u3400-\u9fff]/.test(text[i - 1]!)) i--;
  let label = text.slice(i, at);
  for (const word of leading)
    if (label.startsWith(word) && label.length > word.length) label = label.slice(word.length);
  for (const word of trailing)
    if (label.endsWith(word) && label.length > word.length) label = label.slice(0, -word.length);
  // A connective alone (「其中30人为女性」) is no label: the words after the number are.
  return leading.includes(label) ? '' : label;
}

function labelAfter(text: string, from: number): string {
  const match = /^[\u3400-\u9fff]+/.exec(text.slice(from));
  return match ? match[0] : '';
}

export interface FigureOptions {
  /** Labels by raw text (or `raw#n` for the n-th occurrence, 1-based), when the simple finder would get them wrong. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Report paths by raw text (or `raw#n`) of the figures a typed extractor took. */
  readonly usedBy?: Readonly<Record<string, string>>;
  /** Figures the finder cannot read (Chinese numerals …), placed by their raw text. */
  readonly extra?: readonly (Pick<Figure, 'raw' | 'value' | 'kind' | 'unit'> & Partial<Figure>)[];
}

/** The figures of `text`, in order, as the parser would record them. */
export function findTestFigures(text: string, options: FigureOptions = {}): Figure[] {
  const figures: Figure[] = [];
  const seen = new Map<string, number>();
  const pick = (map: Readonly<Record<string, string>> | undefined, raw: string): string | undefined => {
    const n = seen.get(raw) ?? 1;
    return map?.[`${raw}#${n}`] ?? map?.[raw];
  };
  let previousEnd = 0;
  for (const match of text.matchAll(pattern)) {
    const [raw, before, digits, afterDigits, unit = '', afterUnit] = match;
    const start = match.index;
    const end = start + raw.length;
    // A heading marker such as 「1.」 at the start is not a figure.
    if (start === 0 && /^\d+[.、．]/.test(text) && unit === '' && !raw.includes('.')) continue;
    seen.set(raw, (seen.get(raw) ?? 0) + 1);
    const scale = scaleOf(unit);
    const places = digits!.includes('.') ? digits!.split('.')[1]!.length : 0;
    const half = new Decimal(5).times(new Decimal(10).pow(-(places + 1))).times(scale);
    const kind = kindOf(unit, digits!);
    const exactCount = kind === 'count' || kind === 'year' || kind === 'points' || kind === 'other';
    figures.push({
      raw,
      value: new Decimal(digits!).times(scale).toFixed(),
      halfUnit: exactCount && places === 0 ? '0' : half.toFixed(),
      kind,
      unit,
      approximate: Boolean(before || afterDigits || afterUnit),
      label: pick(options.labels, raw) ?? (labelBefore(text, start, previousEnd) || labelAfter(text, end)),
      start,
      end,
      usedBy: pick(options.usedBy, raw) ?? null,
    });
    previousEnd = end;
  }
  for (const extra of options.extra ?? []) {
    const start = text.indexOf(extra.raw);
    if (start < 0) throw new Error(`extra figure ${extra.raw} is not in the sentence`);
    figures.push({
      halfUnit: '0',
      approximate: false,
      label: labelBefore(text, start),
      usedBy: null,
      ...extra,
      start,
      end: start + extra.raw.length,
    });
  }
  return figures.sort((a, b) => a.start - b.start);
}
