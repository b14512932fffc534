/**
 * The score the 评价结论 part claims (「绩效评价得分：97分」, 「自评得分为97分」, 「综合得分97分」),
 * compared by the rules with the table's 部门整体自评得分.
 */
import type { ExtractionRecorder } from './evidence.js';
import { figuresOf, type Narrative } from './narrative.js';
import type { SectionMap } from './sections.js';

const SCORE_LABEL = /得分|评分|分数|总分/;
const CLAIMED_SCORE = /绩效评价得分|自评得分|综合得分|评价得分|总得分|最终得分|自评总分/;

export function parseConclusionScore(
  narrative: Narrative,
  sections: SectionMap,
  recorder: ExtractionRecorder,
): number | null {
  const scores = figuresOf(narrative.sentences).filter(
    (ref) => ref.figure.kind === 'points' && SCORE_LABEL.test(ref.figure.label),
  );
  const chosen =
    scores.find((ref) => sections.paragraphSections[ref.sentence.paragraph] === 'conclusion') ??
    scores.find((ref) => CLAIMED_SCORE.test(ref.figure.label));
  if (!chosen) {
    recorder.missing('scoring.conclusionScore', '评价结论中的绩效评价得分');
    return null;
  }
  return recorder.take('scoring.conclusionScore', chosen.sentence, chosen.index, chosen.figure.label);
}
