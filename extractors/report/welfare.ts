/**
 * Welfare (民政): every benefit stated with households, persons and/or funds — 低保, 特困, 高龄补贴,
 * 残疾人补贴 … each with the figures of its clause — and any 「N户M人」 pair (新增监测户6户24人).
 * 低保 also fills the SPEC's dibaoHouseholds/dibaoPersons/dibaoFunds.
 */

import type { Benefit, Report } from '../model/report-schema.js';
import type { FigureDraft } from '../text/figures.js';
import type { ExtractionRecorder } from './evidence.js';
import type { Narrative, NarrativeSentence } from './narrative.js';

type Welfare = Report['facts']['welfare'];

const BENEFIT =
  /低保|特困|五保|孤儿|事实无人抚养|高龄补贴|高龄津贴|护理补贴|生活补贴|残疾人两项补贴|临时救助|医疗救助|优抚|抚恤/;
const SCOPE_PREFIX = /^(?:目前|全乡|全镇|全县|全村|我乡|我镇|累计|共计|共|其中|发放|享受|落实|保障)+/;
const ROLE_SUFFIX = /(?:人员|对象|人数|户数|资金|金额)+$/;
const FUNDS_LABEL = /资金|金额|补贴|补助|救助|发放|兑现|元/;

const isHouseholds = (f: FigureDraft) => f.kind === 'count' && f.unit === '户';
const isPersons = (f: FigureDraft) => f.kind === 'count' && ['人', '名', '位'].includes(f.unit);

function benefitLabel(label: string): string {
  const cleaned = label.replace(SCOPE_PREFIX, '').replace(ROLE_SUFFIX, '');
  return cleaned === '' ? label : cleaned;
}

/** A benefit being read: `households`, `persons` and `funds` are indices into `sentence.figures`, null when not stated. */
interface Draft {
  label: string;
  sentence: NarrativeSentence;
  households: number | null;
  persons: number | null;
  funds: number | null;
}

function filled(draft: Draft, figure: FigureDraft): boolean {
  return isHouseholds(figure) ? draft.households !== null : draft.persons !== null;
}

/** Benefits of one sentence: a keyword anchor opens a benefit; the following figures of its clause fill it. */
function benefitsIn(sentence: NarrativeSentence): Draft[] {
  const drafts: Draft[] = [];
  const figures = sentence.figures;
  let current: Draft | null = null;
  const open = (label: string): Draft => {
    const draft: Draft = { label, sentence, households: null, persons: null, funds: null };
    drafts.push(draft);
    return draft;
  };
  const assign = (draft: Draft, figure: FigureDraft, index: number) => {
    if (isHouseholds(figure)) draft.households = index;
    else draft.persons = index;
  };
  // 「新增监测户6户24人」: households directly followed by persons make a benefit of their own.
  const opensPair = (figure: FigureDraft, index: number) => {
    const next = figures[index + 1];
    return (
      isHouseholds(figure) &&
      next !== undefined &&
      isPersons(next) &&
      /^[\s、]*$/.test(sentence.text.slice(figure.spanEnd, next.spanStart))
    );
  };
  figures.forEach((figure, index) => {
    const counted = isHouseholds(figure) || isPersons(figure);
    const label = benefitLabel(figure.label);
    if (counted) {
      const sameSubject =
        current !== null && (figure.label === '' || label === current.label) && !filled(current, figure);
      if (sameSubject) {
        assign(current!, figure, index);
      } else if (BENEFIT.test(figure.label) || opensPair(figure, index)) {
        current = open(label);
        assign(current, figure, index);
      } else {
        current = null;
      }
    } else if (figure.kind === 'money' && current !== null && current.funds === null) {
      if (figure.label === '' || FUNDS_LABEL.test(figure.label) || label === current.label) current.funds = index;
      else current = null;
    } else {
      current = null;
    }
  });
  return drafts;
}

export function parseWelfare(narrative: Narrative, recorder: ExtractionRecorder): Welfare {
  const drafts = narrative.sentences.flatMap(benefitsIn);
  const welfare: Welfare = { dibaoHouseholds: null, dibaoPersons: null, dibaoFunds: null, benefits: [] };
  const dibao = drafts.find((d) => d.label.includes('低保'));
  if (dibao) {
    const take = (path: string, index: number | null) =>
      index === null ? null : recorder.take(`facts.welfare.${path}`, dibao.sentence, index, dibao.label);
    welfare.dibaoHouseholds = take('dibaoHouseholds', dibao.households);
    welfare.dibaoPersons = take('dibaoPersons', dibao.persons);
    welfare.dibaoFunds = take('dibaoFunds', dibao.funds);
  }
  drafts.forEach((draft, i) => {
    const take = (key: 'households' | 'persons' | 'funds', index: number | null) => {
      if (index === null) return null;
      const path = `facts.welfare.benefits.${i}.${key}`;
      return recorder.take(path, draft.sentence, index, draft.label);
    };
    const benefit: Benefit = {
      label: draft.label,
      households: take('households', draft.households),
      persons: take('persons', draft.persons),
      funds: take('funds', draft.funds),
    };
    welfare.benefits.push(benefit);
  });
  return welfare;
}
