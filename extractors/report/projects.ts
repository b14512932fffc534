/**
 * The project list of 部门整体支出绩效目标, however a unit lays it out — in one sentence (「完成项目如下：
 * A68万元、B42万元…」), one numbered line per project (「1.A68万元；」), or a small 项目名称 | 金额 table —,
 * every later statement of those projects with an amount (for funds.repeated-figure), and the
 * 「100万以上项目」 claim. A name without an amount joins the next item: 「甲项目、乙项目前期经费7.48万元」
 * is one project. A part that lists no amounts at all is a missing-figure problem.
 */
import { type Block, cellLocationOf, type TableBlock } from '../model/document-model.js';
import type { Evidence, Project } from '../model/report-schema.js';
import { readHeadingMarker } from '../text/headings.js';
import { compact, toHalfWidth } from '../text/normalize.js';
import type { ExtractionRecorder } from './evidence.js';
import { cellEvidence, sentenceEvidence, statementEvidence } from './evidence.js';
import { moneyInCell } from './finance-tables.js';
import type { Narrative, NarrativeSentence } from './narrative.js';

const LIST_HEADING = /绩效目标/;
const LIST_WORDS = /完成项目|项目如下|实施项目|主要项目|项目包括|项目有/;
const SEPARATORS = /^[\s、；;，,和及与]+|^以及|^(?:\d{1,2}[.、．]|[（(]\d{1,2}[）)]|[①-⑳])/;
const NAME_TAIL = /(?:共计|合计|共|计|为|：|:|\s)+$/;
/** A line that starts like an item of a list: 1. / 1、 / （1） / ①. */
const ITEM_MARKER = /^\s*(?:\d{1,2}\s*[.、．]|[（(]\s*\d{1,2}\s*[）)]|[①-⑳])/;
const SUM_LABEL = /^(?:合计|总计|小计|共计)$/;

/** The paragraph index of the numbered heading each paragraph falls under. */
function headingAbove(narrative: Narrative, paragraph: number): string {
  for (let i = paragraph; i >= 0; i--) {
    if (narrative.headingParagraphs.has(i)) return narrative.paragraphs[i]!.text;
  }
  return '';
}

/** Whether a paragraph heads a part or subsection (一、 or （一）, or a Word heading), not an item of a list. */
function isPartHeading(narrative: Narrative, paragraph: number): boolean {
  const block = narrative.paragraphs[paragraph]!;
  if (block.headingLevel !== null && block.headingLevel <= 2) return true;
  if (!narrative.headingParagraphs.has(paragraph)) return false;
  const marker = readHeadingMarker(block.text);
  return marker !== null && marker.level <= 2;
}

/** The 部门整体支出绩效目标 heading, or the 「完成项目如下：」 line that opens a list. */
function findListOpening(narrative: Narrative): number | null {
  const index = narrative.paragraphs.findIndex(
    (paragraph, i) =>
      (isPartHeading(narrative, i) && LIST_HEADING.test(paragraph.text)) ||
      (LIST_WORDS.test(paragraph.text) && /(?:[：:]|如下)\s*$/.test(paragraph.text)),
  );
  return index >= 0 ? index : null;
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

/**
 * A paragraph that is one item of a list: a name and its amount first, little after it (「1.A68万元；」,
 * 「A：42万元，已拨付。」), numbered or short. 「1.预算执行情况。全年支出801.86万元…」 is not one.
 */
function isProjectLine(narrative: Narrative, paragraph: number): boolean {
  if (isPartHeading(narrative, paragraph)) return false;
  const sentences = narrative.sentences.filter((s) => s.paragraph === paragraph);
  if (!sentences[0]?.figures.some((f) => f.kind === 'money')) return false;
  const money = sentences.flatMap((s) => s.figures.filter((f) => f.kind === 'money').map((f) => ({ s, f })));
  const last = money[money.length - 1]!;
  const text = narrative.paragraphs[paragraph]!.text;
  const after = (
    last.s.text.slice(last.f.spanEnd) +
    sentences
      .slice(sentences.indexOf(last.s) + 1)
      .map((s) => s.text)
      .join('')
  ).replace(/[\s。；;，,、]/g, '');
  return after.length <= 12 && (ITEM_MARKER.test(text) || text.replace(/\s/g, '').length <= 60);
}

/**
 * The list written one project per paragraph after its opening (an intro line without amounts may come
 * first); lines without numbers make a list only when there are two of them at least.
 */
function findListLines(narrative: Narrative, opening: number | null): NarrativeSentence[] {
  if (opening === null) return [];
  let at = opening + 1;
  const intro = narrative.paragraphs[at];
  if (intro && !isProjectLine(narrative, at) && !isPartHeading(narrative, at) && /[：:]\s*$|如下/.test(intro.text))
    at++;
  const lines: number[] = [];
  while (at < narrative.paragraphs.length && isProjectLine(narrative, at)) lines.push(at++);
  const numbered = lines.some((line) => ITEM_MARKER.test(narrative.paragraphs[line]!.text));
  if (!numbered && lines.length < 2) return [];
  return narrative.sentences.filter((s) => lines.includes(s.paragraph));
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

/** The document's tables besides the scoring table, for a project list laid out as a table. */
export interface ProjectTables {
  readonly blocks: readonly Block[];
  readonly scoringParts: ReadonlySet<TableBlock>;
}

export function parseProjects(narrative: Narrative, recorder: ExtractionRecorder, tables: ProjectTables): ProjectList {
  const projects: Project[] = [];
  const firstEvidence: Evidence[] = [];
  const opening = findListOpening(narrative);
  const listSentence = findListSentence(narrative);
  let listSentences = listSentence ? continuedList(narrative, listSentence) : [];
  const lineList = listSentences.length === 0;
  if (lineList) listSentences = findListLines(narrative, opening);
  listSentences.forEach((sentence, k) => {
    const opensParagraph = k === 0 || listSentences[k - 1]!.paragraph !== sentence.paragraph;
    let cursor = lineList ? (opensParagraph ? sentence.markerLength : 0) : k === 0 ? listStart(sentence) : 0;
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
  if (projects.length === 0) readProjectTable(narrative, tables, opening, recorder, projects, firstEvidence);
  if (projects.length === 0) {
    const part = opening === null ? null : narrative.paragraphs[opening]!;
    recorder.problems.push({
      code: 'missing-figure',
      message: part
        ? '「部门整体支出绩效目标」部分未列出项目及其金额'
        : '未找到「部门整体支出绩效目标」中的项目及其金额',
      path: 'finance.projects',
      location: part ? { ...part.location } : null,
    });
  }
  projects.forEach((project, i) => {
    const occurrences = [firstEvidence[i]!, ...laterStatements(narrative, listSentences, project.name, recorder, i)];
    if (occurrences.length > 1) recorder.repeatedFigures.push({ name: project.name, occurrences });
  });
  return { projects, largeProjectsClaim: parseLargeProjectsClaim(narrative, recorder) };
}

const NAME_HEADER = /项目名称|^项目$|名称/;
const AMOUNT_HEADER = /金额|资金|预算|支出|投入|拨付|万元|元/;

/** A 项目名称 | 金额 table standing in the list's part (after its opening, before the next part). */
function readProjectTable(
  narrative: Narrative,
  tables: ProjectTables,
  opening: number | null,
  recorder: ExtractionRecorder,
  projects: Project[],
  firstEvidence: Evidence[],
): void {
  if (opening === null) return;
  const openingBlock = narrative.paragraphs[opening]!;
  const from = tables.blocks.indexOf(openingBlock);
  for (let b = from + 1; b < tables.blocks.length; b++) {
    const block = tables.blocks[b]!;
    if (block.kind === 'paragraph') {
      if (isPartHeading(narrative, narrative.paragraphs.indexOf(block))) return;
      continue;
    }
    if (tables.scoringParts.has(block)) return;
    const header = block.rows[0];
    if (!header) continue;
    const compactHeader = header.map((cell) => compact(cell.text));
    const nameColumn = compactHeader.findIndex((text) => NAME_HEADER.test(text));
    const amountColumn = compactHeader.findIndex((text, c) => c !== nameColumn && AMOUNT_HEADER.test(text));
    if (nameColumn < 0 || amountColumn < 0) continue;
    block.rows.slice(1).forEach((row, i) => {
      const nameCell = row[nameColumn]!;
      const name = cleanName(nameCell.text.replace(/\s+/g, ''));
      if (name === '' || SUM_LABEL.test(name) || row[amountColumn]!.merged) return;
      const money = moneyInCell(tables.blocks, block, i + 1, amountColumn, nameCell.text);
      if (money === 'no-number' || money === 'unitless' || money === null) return;
      const location = cellLocationOf(block, i + 1, amountColumn);
      const evidence: Evidence = {
        ...cellEvidence(row[amountColumn]!, location, name, money.value.toNumber()),
        halfUnit: money.halfUnit.toNumber(),
        unit: money.unit,
      };
      recorder.record(`finance.projects.${projects.length}.amount`, evidence);
      projects.push({ name, amount: money.value.toNumber() });
      firstEvidence.push(evidence);
    });
    return;
  }
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
    const claimText = compact(sentence.text.slice(sentence.markerLength));
    const match = LARGE_PROJECTS.exec(claimText);
    if (!match) continue;
    let rest = claimText.slice(match.index + match[0].length).replace(CLAIM_LEAD, '');
    let source = sentence;
    const next = sentences[i + 1];
    if (/^[。；;]?$/.test(rest) && next && next.paragraph === sentence.paragraph + 1) {
      rest = compact(next.text.slice(next.markerLength));
      source = next;
    }
    const negatedBefore = NONE_BEFORE.test(claimText.slice(0, match.index));
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
