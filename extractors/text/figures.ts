/**
 * The figures of one narrative sentence, each with the label it qualifies: the nearest run of
 * Chinese words before the number (「涉毒人员25人」, 「成功率达96%」) or, when nothing stands
 * before it in its clause, after it (「2人羁押服刑」, 「4人死亡」).
 */
import { type Quantity, scanQuantities } from './numbers.js';

export interface FigureDraft extends Quantity {
  /** The words the number qualifies, spaces removed; "" when none could be told. */
  readonly label: string;
}

const WORD = /[\u3400-\u9fff\uf900-\ufaffA-Za-z]/;
const QUOTE = /[“”‘’"'「」]/;
const SPACE = /[ \t\u3000]/;

// Connectives and scope words that open a clause but are not part of what is counted.
const LEADING = [
  '今年以来',
  '今年来',
  '其中',
  '目前',
  '现有',
  '共计',
  '合计',
  '总计',
  '累计',
  '全乡',
  '全镇',
  '全县',
  '全村',
  '我乡',
  '我镇',
  '我县',
  '我局',
];
// Verbs and particles that join a label to its number (「成功率达96%」, 「隐患共计59处」).
const TRAILING = [
  '达到',
  '共计',
  '合计',
  '总计',
  '累计',
  '共有',
  '现有',
  '拥有',
  '约为',
  '高达',
  '达',
  '为',
  '是',
  '共',
  '约',
  '等',
];
// Words that alone are no label: the number then qualifies what follows (「对21个涉毒人员…」).
const NOT_A_LABEL = new Set([
  '对',
  '向',
  '为',
  '给',
  '把',
  '将',
  '在',
  '从',
  '于',
  '已',
  '均',
  '各',
  '和',
  '及',
  '与',
  '共',
  '达',
  '有',
  '是',
]);
// Verbs that count what follows them: in 「发现59处安全隐患」 the number qualifies 安全隐患, not 发现.
const COUNTING_VERBS = new Set([
  '发现',
  '排查',
  '排查出',
  '查出',
  '查处',
  '新增',
  '完成',
  '培训',
  '慰问',
  '走访',
  '帮扶',
  '救助',
  '检查',
  '检测',
  '办理',
  '受理',
  '调处',
  '化解',
  '涉及',
  '覆盖',
  '安置',
  '接待',
  '召开',
  '举办',
  '组织',
  '开展',
  '出动',
  '建成',
  '新建',
  '打造',
  '培育',
  '有',
]);
// Where a label after the number stops: the clause's verb or particle.
const AFTER_STOPS = ['建立', '提供', '开展', '进行', '实施', '逐一', '一月', '每月', '定期', '了', '的'];

function cleanLabel(run: string): string {
  let label = run.replace(/\s+/g, '');
  let changed = true;
  while (changed && label !== '') {
    changed = false;
    for (const word of LEADING) {
      if (label.startsWith(word) && label.length > word.length) {
        label = label.slice(word.length);
        changed = true;
      }
    }
    // 「共办理…」「其已整改」 open with a particle; 「共同」「其他」 do not.
    if (/^共(?![同享建])./.test(label) || /^其(?=已)/.test(label)) {
      label = label.slice(1);
      changed = true;
    }
    for (const word of TRAILING) {
      if (label.endsWith(word) && label.length > word.length) {
        label = label.slice(0, -word.length);
        changed = true;
      }
    }
  }
  if (label.startsWith('等') && label.length > 1) label = label.slice(1);
  // 「对全乡200名持证残疾人」: a preposition and a scope say nothing about what is counted.
  if (
    NOT_A_LABEL.has(label) ||
    LEADING.includes(label) ||
    TRAILING.includes(label) ||
    /^[对向为给把将在从]?(?:全乡|全镇|全县|全村|我乡|我镇|我县)$/.test(label)
  )
    return '';
  return label;
}

function isRunChar(ch: string, quotes: boolean): boolean {
  return WORD.test(ch) || SPACE.test(ch) || (quotes && QUOTE.test(ch));
}

function labelBefore(text: string, from: number, floor: number): string {
  let i = from;
  while (i > floor && SPACE.test(text[i - 1]!)) i--;
  if (i > floor && /[：:]/.test(text[i - 1]!)) i--;
  while (i > floor && SPACE.test(text[i - 1]!)) i--;
  // Quoted names count only when the quote closes right before the number (「落实“三免两补”400人」).
  const passes = /[”’」"']/.test(text[i - 1] ?? '') ? [false, true] : [false];
  for (const quotes of passes) {
    let j = i;
    while (j > floor && isRunChar(text[j - 1]!, quotes)) j--;
    const label = cleanLabel(text.slice(j, i));
    if (label !== '') return label;
  }
  return '';
}

function labelAfter(text: string, from: number, ceiling: number): string {
  let i = from;
  while (i < ceiling && SPACE.test(text[i]!)) i++;
  let j = i;
  while (j < ceiling && isRunChar(text[j]!, false)) j++;
  let run = text.slice(i, j).replace(/\s+/g, '');
  for (const stop of AFTER_STOPS) {
    const at = run.indexOf(stop);
    if (at >= 0) run = run.slice(0, at);
  }
  return cleanLabel(run);
}

/**
 * Figures of a sentence with their labels. `skip` is the length of a numbering marker the sentence
 * starts with (「2.」 of 「2.100万以上项目」), which is not a figure.
 */
export function findFigures(text: string, skip = 0): FigureDraft[] {
  const quantities = scanQuantities(text.slice(skip)).map((q) => ({
    ...q,
    start: q.start + skip,
    end: q.end + skip,
    spanStart: q.spanStart + skip,
    spanEnd: q.spanEnd + skip,
  }));
  const figures: FigureDraft[] = [];
  quantities.forEach((quantity, i) => {
    const previous = figures[i - 1];
    const floor = previous ? previous.spanEnd : skip;
    const ceiling = quantities[i + 1]?.spanStart ?? text.length;
    const before = labelBefore(text, quantity.spanStart, floor);
    const after = labelAfter(text, quantity.spanEnd, ceiling);
    let label =
      before && !(COUNTING_VERBS.has(before) && after && quantity.kind === 'count') ? before : after || before;
    // 「低保212户、608人」, 「监测户6户24人」: a figure that follows another directly shares its label.
    if (label === '' && previous && /^[\s、和及与]*$/.test(text.slice(previous.spanEnd, quantity.spanStart))) {
      label = previous.label;
    }
    figures.push({ ...quantity, label });
  });
  return figures;
}
