/**
 * The PDF reader's geometric steps on hand-made inputs: the drawing styles other exporters use
 * (Word/WPS thin filled rectangles, boxed cells, transformed paths), tables without rules, line
 * joining and paragraphing.
 */
import { describe, expect, it } from 'vitest';
import { findBorderlessGrids } from '../../../extractors/pdf/borderless.js';
import type { TextLine, TextRun } from '../../../extractors/pdf/geometry.js';
import { findGrids } from '../../../extractors/pdf/grid.js';
import { buildLines } from '../../../extractors/pdf/lines.js';
import { pdfjs } from '../../../extractors/pdf/load.js';
import { buildParagraphs, type PageLines } from '../../../extractors/pdf/paragraphs.js';
import { mayHoldTable } from '../../../extractors/pdf/reader.js';
import { collectRulings, mergeRulings } from '../../../extractors/pdf/rulings.js';
import { buildPageTables, joinCellLines } from '../../../extractors/pdf/tables.js';

const { OPS } = pdfjs;
const [MOVE, LINE, CURVE, CLOSE] = [0, 1, 2, 3];
/** The viewport of an A4 page at scale 1: flips y so that the origin is top-left. */
const a4 = [1, 0, 0, -1, 0, 842];

/** An operator list drawing the given paths. */
function operators(...ops: [number, unknown[] | null][]) {
  return { fnArray: ops.map(([fn]) => fn), argsArray: ops.map(([, args]) => args) };
}
const path = (paint: number, ...points: number[]): [number, unknown[]] => [
  OPS.constructPath,
  [paint, [new Float32Array(points)], null],
];
const rect = (x: number, y: number, w: number, h: number) => [
  MOVE,
  x,
  y,
  LINE,
  x + w,
  y,
  LINE,
  x + w,
  y + h,
  LINE,
  x,
  y + h,
  CLOSE,
];

describe('ruling lines from an operator list', () => {
  it('reads stroked segments in page space, through the current transform and the viewport flip', () => {
    const rulings = collectRulings(
      operators(
        [OPS.save, null],
        [OPS.transform, [2, 0, 0, 2, 10, 20]],
        path(OPS.stroke, MOVE, 0, 0, LINE, 100, 0),
        [OPS.restore, null],
        path(OPS.stroke, MOVE, 50, 800, LINE, 50, 700),
      ),
      a4,
    );
    expect(rulings.horizontal).toEqual([{ y: 822, x1: 10, x2: 210 }]);
    expect(rulings.vertical).toEqual([{ x: 50, y1: 42, y2: 142 }]);
  });

  it('turns thin filled rectangles (Word, WPS) into rules and ignores shaded areas', () => {
    const rulings = collectRulings(
      operators(
        path(OPS.fill, ...rect(100, 700, 200, 0.5)),
        path(OPS.fill, ...rect(100, 500, 0.75, 200)),
        path(OPS.fill, ...rect(100, 100, 200, 80)),
      ),
      a4,
    );
    expect(rulings.horizontal).toEqual([{ y: 141.75, x1: 100, x2: 300 }]);
    expect(rulings.vertical).toEqual([{ x: 100.375, y1: 142, y2: 342 }]);
  });

  it('takes the four edges of a stroked rectangle and skips curves, white strokes and unpainted paths', () => {
    const rulings = collectRulings(
      operators(
        path(OPS.stroke, ...rect(100, 600, 50, 20)),
        path(OPS.stroke, MOVE, 0, 0, CURVE, 10, 10, 20, 10, 30, 0),
        [OPS.setStrokeRGBColor, ['#ffffff']],
        path(OPS.stroke, MOVE, 0, 300, LINE, 500, 300),
        [OPS.setStrokeRGBColor, ['#000000']],
        path(OPS.endPath, MOVE, 0, 400, LINE, 500, 400),
      ),
      a4,
    );
    expect(rulings.horizontal).toHaveLength(2);
    expect(rulings.vertical).toHaveLength(2);
  });

  it('merges touching pieces of one rule and keeps a real gap as a gap', () => {
    const merged = mergeRulings({
      horizontal: [
        { y: 100, x1: 0, x2: 50 },
        { y: 100.4, x1: 50.5, x2: 100 },
        { y: 100, x1: 150, x2: 200 },
      ],
      vertical: [],
    });
    expect(merged.horizontal.map((h) => [h.x1, h.x2])).toEqual([
      [0, 100],
      [150, 200],
    ]);
  });
});

/** Rules of a table whose cells are given as [top, left, bottom, right] boxes (each drawn fully). */
function boxes(...cells: [number, number, number, number][]) {
  const horizontal = cells.flatMap(([t, l, b, r]) => [
    { y: t, x1: l, x2: r },
    { y: b, x1: l, x2: r },
  ]);
  const vertical = cells.flatMap(([t, l, b, r]) => [
    { x: l, y1: t, y2: b },
    { x: r, y1: t, y2: b },
  ]);
  return mergeRulings({ horizontal, vertical });
}

describe('table grids from ruling lines', () => {
  it('finds a rowSpan where the rule between two rows is missing within a column', () => {
    // Column 0 holds one cell over both rows; column 1 has two cells.
    const [grid, ...rest] = findGrids(boxes([100, 50, 140, 150], [100, 150, 120, 250], [120, 150, 140, 250]));
    expect(rest).toEqual([]);
    expect(grid!.xs).toEqual([50, 150, 250]);
    expect(grid!.ys).toEqual([100, 120, 140]);
    expect(grid!.regions).toEqual([
      { row: 0, column: 0, rowSpan: 2, colSpan: 1 },
      { row: 0, column: 1, rowSpan: 1, colSpan: 1 },
      { row: 1, column: 1, rowSpan: 1, colSpan: 1 },
    ]);
    expect(grid!.irregular).toBe(false);
  });

  it('finds a colSpan where the vertical rule is missing within a row', () => {
    const [grid] = findGrids(boxes([100, 50, 120, 250], [120, 50, 140, 150], [120, 150, 140, 250]));
    expect(grid!.regions[0]).toEqual({ row: 0, column: 0, rowSpan: 1, colSpan: 2 });
    expect(grid!.regions).toHaveLength(3);
  });

  it('treats boundaries a point or two apart as one, so slightly uneven borders make no sliver columns', () => {
    const [grid] = findGrids(
      boxes([100, 50, 120, 150.8], [120, 50, 140, 150], [100, 150.8, 120, 250], [120, 150, 140, 250]),
    );
    expect(grid!.xs).toHaveLength(3);
    expect(grid!.regions).toHaveLength(4);
  });

  it('does not take a single framed box for a table', () => {
    expect(findGrids(boxes([100, 50, 700, 550]))).toEqual([]);
  });

  it('keeps two separate tables apart, top to bottom', () => {
    const grids = findGrids(
      boxes([500, 50, 520, 150], [500, 150, 520, 250], [100, 50, 120, 150], [100, 150, 120, 250]),
    );
    expect(grids.map((g) => g.box.top)).toEqual([100, 500]);
  });
});

const run = (text: string, x: number, y: number, width: number, size = 10): TextRun => ({
  text,
  x,
  y,
  width,
  size,
  fontName: 'f',
});

describe('lines from text runs', () => {
  it('joins CJK and digits without spaces, drops exporter spacing, keeps spaces between Latin words', () => {
    const [line] = buildLines([
      run('编制', 0, 100, 20),
      run('31', 22, 100.5, 10),
      run('名 Performance', 34, 100, 70),
      run('Evaluation', 107, 100, 50),
    ]);
    expect(line!.text).toBe('编制31名Performance Evaluation');
  });

  it('keeps typed spaces between CJK characters (部 门 整 体)', () => {
    const [line] = buildLines([run('部', 0, 100, 10), run('门', 13, 100, 10), run('整 体', 26, 100, 23)]);
    expect(line!.text).toBe('部 门 整 体');
  });

  it('separates baselines into lines top to bottom and drops text printed twice for fake bold', () => {
    const lines = buildLines([run('第二行', 0, 130, 30), run('第一行', 0, 100, 30), run('第一行', 0.2, 100.1, 30)]);
    expect(lines.map((l) => l.text)).toEqual(['第一行', '第二行']);
  });

  it('tells pages with side-by-side cells from pages of running text', () => {
    expect(mayHoldTable([run('一级指标', 50, 100, 40), run('二级指标', 150, 100, 40)])).toBe(true);
    expect(mayHoldTable([run('正文一行', 50, 100, 40), run('正文二行', 50, 115, 40)])).toBe(false);
  });
});

const line = (text: string, left: number, right: number, y: number, size = 10): TextLine => ({
  text,
  left,
  right,
  y,
  size,
});

describe('cell text', () => {
  const box = { left: 0, right: 105, top: 0, bottom: 100 };

  it('joins a sentence broken by the cell width without a separator', () => {
    expect(joinCellLines([line('资金结余率（低效无', 5, 100, 12), line('效率）', 5, 35, 25)], box)).toBe(
      '资金结余率（低效无效率）',
    );
  });

  it('starts a new line for a numbered item after a sentence that ends short of the width', () => {
    expect(joinCellLines([line('1.得2分。', 5, 45, 12), line('2.得3分。', 5, 45, 25)], box)).toBe(
      '1.得2分。\n2.得3分。',
    );
  });
});

function page(n: number, lines: TextLine[]): PageLines {
  return { page: n, width: 600, height: 800, lines, tables: [] };
}

describe('paragraphs from lines', () => {
  it('continues wrapped lines, breaks at a first-line indent and after a short last line', () => {
    const drafts = buildParagraphs([
      page(1, [
        line('第一段第一行很长很长', 100, 500, 120),
        line('第一段第二行。', 80, 300, 135),
        line('第二段第一行很长很长', 100, 500, 150),
        line('第二段第二行很长很长', 80, 500, 165),
        line('第二段第三行。', 80, 200, 180),
        line('第三段没有缩进但上一行短', 80, 500, 195),
      ]),
    ]);
    expect(drafts.map((d) => d.text)).toEqual([
      '第一段第一行很长很长第一段第二行。',
      '第二段第一行很长很长第二段第二行很长很长第二段第三行。',
      '第三段没有缩进但上一行短',
    ]);
  });

  it('does not take a wrapped line starting with a list of numbers (6、9、11月) for a heading', () => {
    const drafts = buildParagraphs([
      page(1, [line('评价部门在很长很长很长很长', 100, 500, 120), line('6、9、11月的预算执行情况。', 80, 300, 135)]),
    ]);
    expect(drafts.map((d) => d.text)).toEqual(['评价部门在很长很长很长很长6、9、11月的预算执行情况。']);
  });

  it('breaks before numbered headings even after a full line', () => {
    const drafts = buildParagraphs([
      page(1, [
        line('正文很长很长很长很长', 80, 500, 120),
        line('（二）机构职能', 80, 200, 135),
        line('1.强化理论学习', 80, 200, 150),
        line('正文第二段很长很长', 100, 500, 165),
        line('正文', 80, 120, 180),
      ]),
    ]);
    expect(drafts.map((d) => d.text)).toEqual([
      '正文很长很长很长很长',
      '（二）机构职能',
      '1.强化理论学习',
      '正文第二段很长很长正文',
    ]);
  });

  it('drops page numbers and a header repeated on every page, and joins a paragraph over the page break', () => {
    const drafts = buildParagraphs([
      page(1, [
        line('某某县财政局', 450, 520, 40, 9),
        line('正文很长很长很长很长', 100, 500, 120),
        line('正文很长很长很长很长', 80, 500, 135),
        line('正文很长很长很长很长', 80, 500, 150),
        line('- 1 -', 290, 310, 770, 9),
      ]),
      page(2, [
        line('某某县财政局', 450, 520, 40, 9),
        line('接上页。', 80, 150, 120),
        line('新段落很长很长很长很长', 100, 500, 135),
        line('新段落很长很长很长很长', 80, 500, 150),
        line('新段落结束。', 80, 200, 165),
        line('第 2 页', 290, 310, 770, 9),
      ]),
    ]);
    expect(drafts.map((d) => [d.text, d.page])).toEqual([
      ['正文很长很长很长很长正文很长很长很长很长正文很长很长很长很长接上页。', 1],
      ['新段落很长很长很长很长新段落很长很长很长很长新段落结束。', 2],
    ]);
  });
});

describe('borderless tables from text alignment', () => {
  /** A row of centred cells 150pt wide from x=100, 16pt text, one row every 28pt. */
  const row = (y: number, ...cells: string[]) =>
    cells.map((text, c) => {
      const width = [...text].reduce((sum, ch) => sum + (/[\x20-\x7E]/.test(ch) ? 8 : 16), 0);
      return run(text, 100 + 150 * c + (150 - width) / 2, y, width, 16);
    });

  it('rebuilds label | figure rows under a header as a grid whose cells hold their texts', () => {
    const runs = [
      run('单位：万元', 80, 72, 80, 16),
      ...row(100, '项目', '金额'),
      ...row(128, '收入总额', '801.86'),
      ...row(156, '支出总额', '801.86'),
      ...row(184, '结转结余', '0'),
      run('（二）部门财政资金支出情况', 80, 212, 208, 16),
    ];
    const grids = findBorderlessGrids(runs);
    expect(grids).toHaveLength(1);
    const { tables, outside } = buildPageTables(1, grids, runs);
    const cells = tables[0]!.cells;
    expect(cells.map((cell) => [cell.row, cell.column, cell.text])).toEqual([
      [0, 0, '项目'],
      [0, 1, '金额'],
      [1, 0, '收入总额'],
      [1, 1, '801.86'],
      [2, 0, '支出总额'],
      [2, 1, '801.86'],
      [3, 0, '结转结余'],
      [3, 1, '0'],
    ]);
    expect(outside.map((r) => r.text)).toEqual(['单位：万元', '（二）部门财政资金支出情况']);
    expect(grids[0]!.borderless).toBe(true);
  });

  it('leaves fields of text without a column of figures alone (a signature block)', () => {
    const runs = [...row(100, '报送单位：平等乡', '联系人：张三'), ...row(128, '报送日期：3月1日', '审核人：李四')];
    expect(findBorderlessGrids(runs)).toEqual([]);
  });

  it('leaves lines whose fields do not line up, and a lone row, alone', () => {
    const misaligned = [
      ...row(100, '收入总额', '801.86'),
      run('支出总额', 130, 128, 64, 16),
      run('801.86', 330, 128, 48, 16),
    ];
    expect(findBorderlessGrids(misaligned)).toEqual([]);
    expect(findBorderlessGrids(row(100, '收入总额', '801.86'))).toEqual([]);
  });

  it('takes running text for no table', () => {
    const text = [
      run('2023年度部门收入总额801.86万元，支出总额', 80, 100, 420, 16),
      run('801.86万元。', 80, 128, 90, 16),
    ];
    expect(findBorderlessGrids(text)).toEqual([]);
  });
});

describe('numbered headings over unindented body text', () => {
  it('ends a heading line well short of the margin, even without a full stop', () => {
    const drafts = buildParagraphs([
      page(1, [
        line('（三）坚持发展为要，推动农业发展', 80, 440, 120),
        line('一是畜牧生产目标全面完成很长很长', 80, 500, 135),
        line('正文继续很长很长', 80, 500, 150),
        line('结束。', 80, 200, 165),
      ]),
    ]);
    expect(drafts.map((d) => d.text)).toEqual([
      '（三）坚持发展为要，推动农业发展',
      '一是畜牧生产目标全面完成很长很长正文继续很长很长结束。',
    ]);
  });

  it('ends a heading line that closes with 。 near the margin when the next line starts at the same x', () => {
    const drafts = buildParagraphs([
      page(1, [
        line('（二）机构职能、人员概况和主要职责履行情况。', 80, 495, 120),
        line('落实国家政策很长很长很长很长', 80, 500, 135),
        line('正文继续很长很长', 80, 500, 150),
        line('结束。', 80, 200, 165),
      ]),
    ]);
    expect(drafts.map((d) => d.text)).toEqual([
      '（二）机构职能、人员概况和主要职责履行情况。',
      '落实国家政策很长很长很长很长正文继续很长很长结束。',
    ]);
  });

  it('keeps a numbered paragraph whose first line is short only because a number moved down whole', () => {
    const drafts = buildParagraphs([
      page(1, [
        line('1.收入情况。全年部门收入总额合计为', 80, 470, 120),
        line('801.86万元，较上年有所增长很长很长', 80, 500, 135),
        line('正文继续很长很长', 80, 500, 150),
        line('结束。', 80, 200, 165),
      ]),
    ]);
    expect(drafts.map((d) => d.text)).toEqual([
      '1.收入情况。全年部门收入总额合计为801.86万元，较上年有所增长很长很长正文继续很长很长结束。',
    ]);
  });

  it('keeps an indented numbered paragraph whose first line happens to end with 。 at the margin', () => {
    const drafts = buildParagraphs([
      page(1, [
        line('1.强化理论学习。召开党委会很长很长。', 100, 500, 120),
        line('深入学习很长很长很长很长很长很长很长', 80, 500, 135),
        line('正文继续很长很长', 80, 500, 150),
        line('结束。', 80, 200, 165),
      ]),
    ]);
    expect(drafts).toHaveLength(1);
  });
});
