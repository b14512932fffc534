/**
 * Drug control (禁毒): 涉毒人员 and how they break down (死亡, 羁押服刑, 强制隔离, 社区康复, 戒断),
 * the persons with a ledger (台账/档案/「五包一」), and the persons under each control level.
 * Searched in the paragraph that states the registered persons, label before or after the number.
 */

import type { Report } from '../model/report-schema.js';
import type { ExtractionRecorder } from './evidence.js';
import { type FigureRef, figuresOf, isPersonCount, type Narrative } from './narrative.js';

type DrugControl = Report['facts']['drugControl'];
type Breakdown = 'deceased' | 'imprisoned' | 'compulsoryRehab' | 'communityRehab' | 'abstinent';

const REGISTERED = /涉毒人员|吸毒人员|涉毒人数|吸毒人数|吸毒者|涉毒对象/;
const LEDGER = /台账|档案|五包一|建档/;
const BREAKDOWN: readonly [Breakdown, RegExp][] = [
  ['deceased', /死亡|病故|去世|离世/],
  ['imprisoned', /羁押服刑|服刑|羁押|在押|判刑|收监/],
  ['compulsoryRehab', /强制隔离戒毒|强制隔离|强制戒毒|强戒/],
  ['communityRehab', /社区康复|社区戒毒/],
  ['abstinent', /戒断|无复吸|未复吸/],
];
const CONTROL_LEVEL = /[一二三四五六1-6]级管控/;

export function parseDrugControl(narrative: Narrative, recorder: ExtractionRecorder): DrugControl {
  const drug: DrugControl = {
    registered: null,
    deceased: null,
    imprisoned: null,
    compulsoryRehab: null,
    communityRehab: null,
    abstinent: null,
    ledgerCount: null,
    controlLevels: [],
  };
  const refs = figuresOf(narrative.sentences).filter((ref) => isPersonCount(ref.figure));
  const registered = refs.find((ref) => REGISTERED.test(ref.figure.label) && !LEDGER.test(ref.sentence.text));
  if (!registered) return drug;
  const label = (ref: FigureRef, pattern: RegExp) => pattern.exec(ref.figure.label)?.[0] ?? ref.figure.label;
  drug.registered = recorder.take(
    'facts.drugControl.registered',
    registered.sentence,
    registered.index,
    label(registered, REGISTERED),
  );

  const scope = refs.filter((ref) => ref.sentence.paragraph === registered.sentence.paragraph && ref !== registered);
  for (const [key, pattern] of BREAKDOWN) {
    const ref = scope.find(
      (r) => pattern.test(r.figure.label) && !CONTROL_LEVEL.test(r.figure.label) && r.sentence.usedBy[r.index] === null,
    );
    if (ref) drug[key] = recorder.take(`facts.drugControl.${key}`, ref.sentence, ref.index, label(ref, pattern));
  }
  for (const ref of scope) {
    const level = CONTROL_LEVEL.exec(ref.figure.label);
    if (!level) continue;
    const path = `facts.drugControl.controlLevels.${drug.controlLevels.length}.count`;
    drug.controlLevels.push({ level: level[0], count: recorder.take(path, ref.sentence, ref.index, level[0]) });
  }
  const ledger = scope.find((ref) => LEDGER.test(ref.sentence.text) && ref.sentence.usedBy[ref.index] === null);
  if (ledger) {
    drug.ledgerCount = recorder.take(
      'facts.drugControl.ledgerCount',
      ledger.sentence,
      ledger.index,
      ledger.figure.label || '建档立卡人员',
    );
  }
  return drug;
}
