/**
 * Reads a form's 年度指标值 and 实际完成值 cells (SPEC §6–§7) into something comparable:
 * ≥95%, ≤30日, =12个, 100%, 12个, 不低于90%, 达到100%, 90%以上, 30日以内, 按时完成. Anything else
 * (qualitative wording, ranges, several figures) is left uncomparable, and so is a pair whose units
 * differ: the rule never guesses.
 */
import { Decimal } from 'decimal.js';

export type Direction = 'atLeast' | 'atMost' | 'equal';

export type Reading =
  | { readonly kind: 'number'; readonly value: Decimal; readonly unit: string; readonly direction: Direction | null }
  | { readonly kind: 'onTime'; readonly met: boolean };

const atLeast = /^(?:≥|>=|＞=|不低于|不少于|不小于|大于等于|达到|至少|高于|大于|>|＞)/;
const atMost = /^(?:≤|<=|＜=|不高于|不超过|不多于|不大于|小于等于|低于|小于|少于|控制在|<|＜)/;
const equal = /^(?:=|＝|等于)/;
const atLeastAfter = /(?:以上|及以上)$/;
const atMostAfter = /(?:以内|以下|及以下|之内)$/;
/** Units of a span of time: a bare 30日 reads as a deadline (≤) as often as a minimum, so it needs a sign. */
const timeUnits = /^(?:日|天|个工作日|工作日|小时|个月|月|周)$/;

function clean(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[。；;]$/, '');
}

function normalizeUnit(unit: string): string {
  return unit === '％' ? '%' : unit;
}

/** Reads a target or an actual value; null when it is not one figure with a unit (or 按时完成). */
export function readValue(text: string | null | undefined): Reading | null {
  if (!text) return null;
  let rest = clean(text);
  if (/^(?:按时|按期|如期|及时)完成$/.test(rest) || /^(?:已)?按时完成/.test(rest)) return { kind: 'onTime', met: true };
  if (/^(?:未按时|未按期|未完成|延期|逾期|滞后|推迟)/.test(rest)) return { kind: 'onTime', met: false };
  let direction: Direction | null = null;
  const signs: [RegExp, Direction][] = [
    [atLeast, 'atLeast'],
    [atMost, 'atMost'],
    [equal, 'equal'],
  ];
  let m: RegExpExecArray | null = null;
  for (const [pattern, sign] of signs) {
    m = pattern.exec(rest);
    if (m) {
      direction = sign;
      break;
    }
  }
  if (m) rest = rest.slice(m[0].length);
  const after = atLeastAfter.exec(rest) ?? atMostAfter.exec(rest);
  if (after) {
    if (direction === null) direction = atLeastAfter.test(rest) ? 'atLeast' : 'atMost';
    rest = rest.slice(0, rest.length - after[0].length);
  }
  const figure = /^(\d+(?:\.\d+)?)([%‰]|[\u4e00-\u9fff]{1,4}|[a-zA-Z²³/]{1,6})?$/.exec(rest);
  if (!figure) return null;
  return { kind: 'number', value: new Decimal(figure[1]!), unit: normalizeUnit(figure[2] ?? ''), direction };
}

export type Outcome = 'met' | 'missed' | 'uncomparable';

/** Whether the actual value meets the target; uncomparable for qualitative wording or differing units. */
export function compareTarget(target: string | null | undefined, actual: string | null | undefined): Outcome {
  const t = readValue(target);
  const a = readValue(actual);
  if (!t || !a) return 'uncomparable';
  if (t.kind === 'onTime' || a.kind === 'onTime') {
    if (t.kind !== 'onTime' || a.kind !== 'onTime' || !t.met) return 'uncomparable';
    return a.met ? 'met' : 'missed';
  }
  if (t.unit !== a.unit) return 'uncomparable';
  // A bare figure is a minimum (12个, 100%), except a span of time, which may be a deadline.
  const direction = t.direction ?? (timeUnits.test(t.unit) ? null : 'atLeast');
  if (direction === null) return 'uncomparable';
  const cmp = a.value.comparedTo(t.value);
  if (direction === 'atLeast') return cmp >= 0 ? 'met' : 'missed';
  if (direction === 'atMost') return cmp <= 0 ? 'met' : 'missed';
  return cmp === 0 ? 'met' : 'missed';
}
