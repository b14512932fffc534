/**
 * Which 决算数 column of a basic-data form holds the year's 基本支出 and 项目支出: the one of the
 * report's year (or 本年), the last one where the headers name no year, and none where every one
 * names another year (a photo cut before the 2023年决算数 column: its 2022年决算数 is not the year's).
 */
import { describe, expect, it } from 'vitest';
import type { GridCell, TableBlock } from '../../../extractors/model/document-model.js';
import { parseBasicData } from '../../../extractors/report/basic-data.js';
import { ExtractionRecorder } from '../../../extractors/report/evidence.js';
import { formRows } from '../../../extractors/report/form-cells.js';

function table(texts: string[][]): TableBlock {
  const rows: GridCell[][] = texts.map((row, r) =>
    row.map((text, c) => ({ text, rowSpan: 1, colSpan: 1, merged: false, origin: { row: r, column: c } })),
  );
  return { kind: 'table', index: 0, page: 1, rows, rowPages: rows.map(() => 1) };
}

function spending(header: string[], year: number | null) {
  const rows = formRows([
    table([
      ['经费控制情况', ...header],
      ['基本支出', '860.35', '861.10', '900.47'].slice(0, header.length + 1),
      ['项目支出', '702.18', '—', '1025.20'].slice(0, header.length + 1),
    ]),
  ]);
  const recorder = new ExtractionRecorder();
  const read = parseBasicData(rows, year, recorder);
  return [read.basicExpenditure, read.projectExpenditure];
}

describe('the 决算数 column of the year', () => {
  it('is the column naming the year', () => {
    expect(spending(['2022年决算数', '2023年预算数', '2023年决算数'], 2023)).toEqual([9004700, 10252000]);
  });

  it('is none where every 决算数 column names another year', () => {
    expect(spending(['2022年决算数', '2023年预算数'], 2023)).toEqual([null, null]);
  });

  it('is the last where the headers name no year, or the year is not known', () => {
    expect(spending(['上年决算数', '预算数', '决算数'], 2023)).toEqual([9004700, 10252000]);
    expect(spending(['2022年决算数', '2023年预算数'], null)).toEqual([8603500, 7021800]);
  });
});
