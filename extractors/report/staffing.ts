/**
 * Staffing: 总编制 with its 行政/工勤/事业编制, 在职人员总数 with its 行政/工勤/事业, and 离休/退休.
 * Found by label, whichever side of the number it stands; a category stated as 0 is 0, not null.
 */

import type { Report } from '../model/report-schema.js';
import type { ExtractionRecorder } from './evidence.js';
import { type FigureRef, figuresOf, isPersonCount, type Narrative } from './narrative.js';

type Staffing = Report['staffing'];
type Category = 'administrative' | 'service' | 'institutional';

const AUTHORIZED_TOTAL = /总编制|编制总数|编制总额|核定编制|编制数|编制人数|^编制$/;
const ACTUAL_TOTAL = /在职人员总数|在职总人数|在职人员|在职人数|实有人数|实有人员|在编人数|在编人员|实际在职/;
const CATEGORY_WORDS = /行政|工勤|事业|参公/;
const CATEGORIES: readonly [Category, RegExp, string][] = [
  ['administrative', /行政/, '行政'],
  ['service', /工勤/, '工勤'],
  ['institutional', /事业/, '事业'],
];
const RETIRED = /离退休|退休|离休/;

const isAuthorizedTotal = (ref: FigureRef) =>
  AUTHORIZED_TOTAL.test(ref.figure.label) &&
  !CATEGORY_WORDS.test(ref.figure.label) &&
  !ACTUAL_TOTAL.test(ref.figure.label);
const isActualTotal = (ref: FigureRef) => ACTUAL_TOTAL.test(ref.figure.label) && !CATEGORY_WORDS.test(ref.figure.label);

function keyword(label: string, pattern: RegExp): string {
  return pattern.exec(label)?.[0] ?? label;
}

export function parseStaffing(narrative: Narrative, recorder: ExtractionRecorder): Staffing {
  const staffing: Staffing = {
    authorized: { total: null, administrative: null, service: null, institutional: null },
    actual: { total: null, administrative: null, service: null, institutional: null, retired: null },
    controlRate: null,
  };
  const refs = figuresOf(narrative.sentences).filter((ref) => isPersonCount(ref.figure));
  const authorized = refs.findIndex(isAuthorizedTotal);
  const actual = refs.findIndex(isActualTotal);

  // Categories follow their total in the same paragraph, up to the next total.
  const categoriesAfter = (start: number, group: 'authorized' | 'actual') => {
    const paragraph = refs[start]!.sentence.paragraph;
    for (let i = start + 1; i < refs.length; i++) {
      const ref = refs[i]!;
      if (ref.sentence.paragraph !== paragraph || isAuthorizedTotal(ref) || isActualTotal(ref)) break;
      for (const [key, pattern] of CATEGORIES) {
        if (pattern.test(ref.figure.label) && staffing[group][key] === null) {
          staffing[group][key] = recorder.take(`staffing.${group}.${key}`, ref.sentence, ref.index, ref.figure.label);
          break;
        }
      }
    }
  };

  if (authorized >= 0) {
    const ref = refs[authorized]!;
    staffing.authorized.total = recorder.take(
      'staffing.authorized.total',
      ref.sentence,
      ref.index,
      keyword(ref.figure.label, AUTHORIZED_TOTAL),
    );
    categoriesAfter(authorized, 'authorized');
  } else {
    recorder.missing('staffing.authorized.total', '总编制人数');
  }
  if (actual >= 0) {
    const ref = refs[actual]!;
    staffing.actual.total = recorder.take(
      'staffing.actual.total',
      ref.sentence,
      ref.index,
      keyword(ref.figure.label, ACTUAL_TOTAL),
    );
    categoriesAfter(actual, 'actual');
  } else {
    recorder.missing('staffing.actual.total', '在职人员总数');
  }

  const staffingParagraphs = new Set(
    [authorized, actual].filter((i) => i >= 0).map((i) => refs[i]!.sentence.paragraph),
  );
  const retired = refs.find((ref) => staffingParagraphs.has(ref.sentence.paragraph) && RETIRED.test(ref.figure.label));
  if (retired) {
    staffing.actual.retired = recorder.take(
      'staffing.actual.retired',
      retired.sentence,
      retired.index,
      keyword(retired.figure.label, RETIRED),
    );
  }
  return staffing;
}
