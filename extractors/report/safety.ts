/**
 * Work safety (安全生产): hazards found (「发现安全隐患共计59处」), fixed (「已整改57处」) and pending
 * (「2处正在整改中」, 「剩余2处正在整改」, 「尚有2处未整改」), read from the sentence that states the
 * hazards found and its paragraph.
 */

import type { Report } from '../model/report-schema.js';
import type { ExtractionRecorder } from './evidence.js';
import { type FigureRef, figuresOf, type Narrative } from './narrative.js';

type Safety = Report['facts']['safety'];

const HAZARD_UNITS = ['处', '个', '条', '项', '起', '件'];
const FOUND = /隐患/;
const PENDING = /正在整改|整改中|未整改|待整改|尚未整改|未完成整改|未销号|整改未完成/;
const FIXED = /已整改|整改完成|完成整改|已消除|整改到位|已销号|已完成|整改/;

/** The figure's label and the rest of its clause: 「剩余2处正在整改」 states 正在整改 after the number. */
function context(ref: FigureRef): string {
  const rest = ref.sentence.text.slice(ref.figure.spanEnd);
  const stop = rest.search(/[，,；;。]/);
  return ref.figure.label + (stop === -1 ? rest : rest.slice(0, stop)).replace(/\s+/g, '');
}

export function parseSafety(narrative: Narrative, recorder: ExtractionRecorder): Safety {
  const safety: Safety = { hazardsFound: null, hazardsFixed: null, hazardsPending: null };
  const refs = figuresOf(narrative.sentences).filter(
    (ref) => ref.figure.kind === 'count' && HAZARD_UNITS.includes(ref.figure.unit),
  );
  const found = refs.find(
    (ref) => FOUND.test(ref.figure.label) && !FIXED.test(ref.figure.label) && !PENDING.test(context(ref)),
  );
  if (!found) return safety;
  const label = (ref: FigureRef, pattern: RegExp) => pattern.exec(context(ref))?.[0] ?? ref.figure.label;
  safety.hazardsFound = recorder.take('facts.safety.hazardsFound', found.sentence, found.index, found.figure.label);
  // The sentence that states the hazards first, then the rest of its paragraph.
  const scope = refs
    .filter((ref) => ref.sentence.paragraph === found.sentence.paragraph && ref !== found)
    .sort((a, b) => Number(b.sentence === found.sentence) - Number(a.sentence === found.sentence));
  const pending = scope.find((ref) => PENDING.test(context(ref)));
  if (pending) {
    safety.hazardsPending = recorder.take(
      'facts.safety.hazardsPending',
      pending.sentence,
      pending.index,
      label(pending, PENDING),
    );
  }
  const fixed = scope.find((ref) => ref !== pending && FIXED.test(context(ref)) && !PENDING.test(context(ref)));
  if (fixed) {
    safety.hazardsFixed = recorder.take('facts.safety.hazardsFixed', fixed.sentence, fixed.index, label(fixed, FIXED));
  }
  return safety;
}
