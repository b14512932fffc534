/**
 * The project list of 部门整体支出绩效目标 (「完成项目如下：A68万元、B42万元…」), every later
 * statement of those projects with an amount (for funds.repeated-figure), and the 「100万以上项目」
 * claim. A name without an amount joins the next item: 「甲项目、乙项目前期经费7.48万元」 is one project.
 */
import { toHalfWidth } from './numbers.js';
import type { ExtractionRecorder } from './report-evidence.js';
import { sentenceEvidence, statementEvidence } from './report-evidence.js';
import type { Narrative, NarrativeSentence } from './report-narrative.js';
import type { Evidence, Project } from './report-schema.js';

const LIST_HEADING = /绩效目标/;
const LIST_WORDS = /完成项目|项目如下|实施项目|主要项目|项目包括|项目有/;
const SEPARATORS = /^[\s、；;，,和及与]+|^以及/;
const NAME_TAIL = /(?:共计|合计|共|计|为|：|:|\s)+$/;

/** The paragraph index of the numbered heading each paragraph falls under. */
function headingAbove(narrative: Narrative, paragraph: number): string {
  for (let i = paragraph; i >= 0; i--) {
    if (narrative.headingParagraphs.has(i)) return narrative.paragraphs[i]!.text;
  }
  return '';
}

function findListSentence(narrative: Narrative): NarrativeSentence | undefined {
  const withMoney = narrative.sentences.filter((s) => s.figures.some((f) => f.kind === 'money'));
  return (
    withMoney.find(
      (s) => LIST_HEADING.test(headingAbove(narrative, s.paragraph)) && (LIST_WORDS.test(s.text) || moneyCount(s) >= 2),
    ) ?? withMoney.find((s) => LIST_WORDS.test(s.text) && moneyCount(s) >= 2)
  );
}

const moneyCount = (sentence: NarrativeSentence) => sentence.figures.filter((f) => f.kind === 'money').length;

/** The list sentence and those that continue it after a 「；」 in the same paragraph. */
function continuedList(narrative: Narrative, first: NarrativeSentence): NarrativeSentence[] {
  const list = [first];
  let at = narrative.sentences.indexOf(first);
  while (/[；;]$/.test(narrative.sentences[at]!.text)) {
    const next = narrative.sentences[at + 1];
    if (!next || next.paragraph !== first.paragraph) break;
    list.push(next);
    at++;
  }
  return list;
}

/** Where the list itself starts: after 「如下：」 or the first colon before the first amount. */
function listStart(sentence: NarrativeSentence): number {
  const firstMoney = sentence.figures.find((f) => f.kind === 'money')!;
  const head = sentence.text.slice(0, firstMoney.spanStart);
  const colon = Math.max(head.lastIndexOf('：'), head.lastIndexOf(':'));
  if (colon >= 0) return colon + 1;
  const words = /如下|包括|主要投入在|主要用于|投入到?/.exec(head);
  return words ? words.index + words[0].length : 0;
}

function cleanName(segment: string): string {
  let name = segment.trim();
  while (SEPARATORS.test(name)) name = name.replace(SEPARATORS, '');
  return name.replace(NAME_TAIL, '').trim();
}

export interface ProjectList {
  projects: Project[];
  largeProjectsClaim: 'none' | 'listed' | null;
}

export function parseProjects(narrative: Narrative, recorder: ExtractionRecorder): ProjectList {
  const projects: Project[] = [];
  const listSentence = findListSentence(narrative);
  const firstEvidence: Evidence[] = [];
  const listSentences = listSentence ? continuedList(narrative, listSentence) : [];
  listSentences.forEach((sentence, k) => {
    let cursor = k === 0 ? listStart(sentence) : 0;
    sentence.figures.forEach((figure, index) => {
      if (figure.kind !== 'money' || figure.spanStart < cursor) return;
      const name = cleanName(sentence.text.slice(cursor, figure.spanStart));
      cursor = figure.spanEnd;
      if (name === '') return;
      const path = `finance.projects.${projects.length}.amount`;
      projects.push({ name, amount: recorder.take(path, sentence, index, name) });
      firstEvidence.push(sentenceEvidence(sentence, figure, name));
    });
  });
  projects.forEach((project, i) => {
    const occurrences = [firstEvidence[i]!, ...laterStatements(narrative, listSentences, project.name, recorder, i)];
    if (occurrences.length > 1) recorder.repeatedFigures.push({ name: project.name, occurrences });
  });
  return { projects, largeProjectsClaim: parseLargeProjectsClaim(narrative, recorder) };
}

/** Other sentences naming the project right before an amount (「资金主要投入在A68万元、…」). */
function laterStatements(
  narrative: Narrative,
  listSentences: readonly NarrativeSentence[],
  name: string,
  recorder: ExtractionRecorder,
  projectIndex: number,
): Evidence[] {
  const found: Evidence[] = [];
  for (const sentence of narrative.sentences) {
    if (listSentences.includes(sentence)) continue;
    let at = sentence.text.indexOf(name);
    while (at >= 0) {
      const after = at + name.length;
      const gap = /^(?:\s|为|：|:|共计|共|计|资金|金额)*/.exec(sentence.text.slice(after))![0].length;
      const index = sentence.figures.findIndex((f) => f.kind === 'money' && f.spanStart === after + gap);
      if (index >= 0) {
        recorder.mark(sentence, index, `finance.projects.${projectIndex}.amount`);
        found.push(sentenceEvidence(sentence, sentence.figures[index]!, name));
      }
      at = sentence.text.indexOf(name, after);
    }
  }
  return found;
}

const LARGE_PROJECTS = /(\d+(?:\.\d+)?)万元?(?:及|或)?以上(?:的)?(?:重大|重点)?(?:资金)?项目/;
/** What may stand between the phrase and the claim: 「100万元以上项目绩效分析：」, 「…情况：」. */
const CLAIM_LEAD = /^(?:的)?(?:实施|执行|绩效)?(?:情况|分析|绩效分析|绩效情况)?[：:，,]?/;
const NONE =
  /^(?:本单位|本部门|我单位|我乡|我镇|我局|本年度?|今年|20\d\d年度?)?(?:无|没有|暂无|未有|不存在|不涉及|未涉及|未实施|未|0个|零)/;
// 「本单位无100万元以上项目」, 「没有100万以上的项目」: the negation written before the phrase.
const NONE_BEFORE = /(?:无|没有|暂无|未有|不存在|不涉及|未涉及|未实施)[^。；;，,]{0,10}$/;

function parseLargeProjectsClaim(narrative: Narrative, recorder: ExtractionRecorder): 'none' | 'listed' | null {
  const sentences = narrative.sentences;
  for (let i = 0; i < sentences.length; i++) {
    const sentence = sentences[i]!;
    const compact = toHalfWidth(sentence.text.slice(sentence.markerLength)).replace(/\s+/g, '');
    const match = LARGE_PROJECTS.exec(compact);
    if (!match) continue;
    let rest = compact.slice(match.index + match[0].length).replace(CLAIM_LEAD, '');
    let source = sentence;
    const next = sentences[i + 1];
    if (/^[。；;]?$/.test(rest) && next && next.paragraph === sentence.paragraph + 1) {
      rest = toHalfWidth(next.text.slice(next.markerLength)).replace(/\s+/g, '');
      source = next;
    }
    const negatedBefore = NONE_BEFORE.test(compact.slice(0, match.index));
    if (/^[。；;]?$/.test(rest) && !negatedBefore) continue;
    const claim = negatedBefore || NONE.test(rest) || NONE_BEFORE.test(restBeforePhrase(rest)) ? 'none' : 'listed';
    const figure = sentence.figures.findIndex((f) => toHalfWidth(f.raw).includes(match[1]!));
    if (figure >= 0) recorder.mark(sentence, figure, 'finance.largeProjectsClaim');
    recorder.record('finance.largeProjectsClaim', statementEvidence(source, match[0], null));
    return claim;
  }
  return null;
}

/** 「本单位无100万元以上项目」 after the heading's colon: the words before the phrase repeated. */
function restBeforePhrase(rest: string): string {
  const again = LARGE_PROJECTS.exec(rest);
  return again ? rest.slice(0, again.index) : '';
}
