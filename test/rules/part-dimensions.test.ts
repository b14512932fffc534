/** Which attribute a breakdown part names, and which parts of a 其中 clause may be added up. */
import { describe, expect, it } from 'vitest';
import { dimensionsOf, partitionGroups } from '../../rules/support/part-dimensions.js';

describe('dimensionsOf', () => {
  it('names the attributes of a person', () => {
    expect([...dimensionsOf('少数民族女党员')].sort()).toEqual(['ethnicity', 'politics', 'sex']);
    expect([...dimensionsOf('35岁以下')]).toEqual(['age']);
    expect([...dimensionsOf('大专以上学历')]).toEqual(['education']);
    expect([...dimensionsOf('退役军人')]).toEqual(['veteran']);
    expect([...dimensionsOf('持证残疾人')]).toEqual(['disability']);
  });

  it('does not take 子女 for women or 家族 for an ethnic group', () => {
    expect([...dimensionsOf('留守子女')]).toEqual([]);
    expect([...dimensionsOf('家族企业')]).toEqual([]);
  });

  it('names nothing in categories of things', () => {
    expect([...dimensionsOf('疑难纠纷')]).toEqual([]);
    expect([...dimensionsOf('中央资金')]).toEqual([]);
  });
});

describe('partitionGroups', () => {
  it('keeps apart parts naming different attributes, beyond those of the total', () => {
    const parts = [
      { part: 'a', words: '女党员' },
      { part: 'b', words: '少数民族党员' },
      { part: 'c', words: '男党员' },
      { part: 'd', words: '预备党员' },
    ];
    expect(partitionGroups('全乡党员', parts)).toEqual([['a', 'c'], ['b'], ['d']]);
  });

  it('puts parts naming no attribute in one group', () => {
    expect(
      partitionGroups('共调处各类矛盾纠纷', [
        { part: 1, words: '疑难纠纷' },
        { part: 2, words: '邻里纠纷' },
      ]),
    ).toEqual([[1, 2]]);
  });
});
