/** Look-alike code points become the characters labels are written with; everything else stays as written. */
import { describe, expect, it } from 'vitest';
import { normalizeGlyphs } from '../../../extractors/text/normalize-glyphs.js';

describe('normalizeGlyphs', () => {
  it.each([
    // Chromium's print of a Noto CJK SC text: Kangxi radicals (U+2F00–U+2FDF) by NFKC.
    ['部⻔整体⽀出绩效⾃评', '部门整体支出绩效自评'],
    ['⼯勤编制0名', '工勤编制0名'],
    ['⼀、部⻔基本情况', '一、部门基本情况'],
    // CJK radicals supplement (U+2E80–U+2EFF), which NFKC leaves alone: the Unicode equivalents.
    ['平等乡⼈⺠政府', '平等乡人民政府'],
    ['警钟⻓鸣', '警钟长鸣'],
    ['⻢存栏38匹', '马存栏38匹'],
    ['⻛险', '风险'],
    // A supplementary-plane equivalent (U+2E87 → U+20628) is one code point, two UTF-16 units.
    ['\u2E87', '\u{20628}'],
    // Kangxi radicals whose Unicode equivalent is traditional, read as the simplified character.
    ['低保212⼾', '低保212户'],
    ['⾭年', '青年'],
    ['⿈河', '黄河'],
    // CJK compatibility ideographs (U+F900–U+FAFF, U+2F800–U+2FA1F).
    ['\uF9D1办一所', '六办一所'],
    ['\u{2F800}', '\u4E3D'],
    // Latin ligatures and presentation forms.
    ['\uFB01le \uFB02ow', 'file flow'],
  ])('%s → %s', (input, output) => {
    expect(normalizeGlyphs(input)).toBe(output);
  });

  it.each([
    // Full-width digits, punctuation and letters are read by the number parser (SPEC §2): unchanged.
    '８０１．８６万元',
    '（一）机构组成。',
    '得分：９７分',
    'ＡＢＣ',
    // Vertical and small forms would become ASCII punctuation under NFKC: unchanged.
    '\uFE35\uFE36\uFE50',
    // Squared units (㎡) and circled numbers (①) mean what they show: unchanged.
    '12㎡ ①②',
    // Letter-spaced labels keep their spaces; the ideographic space stays too.
    '部 门 整 体 自 评 得 分',
    '总\u3000编\u3000制',
    // U+2E80 and U+2E9A have no equivalent ideograph.
    '\u2E80\u2E9A',
  ])('leaves %s as written', (text) => {
    expect(normalizeGlyphs(text)).toBe(text);
  });

  it('returns the same string when there is nothing to map', () => {
    const text = '平等乡总编制31名，其中：行政编制17名。';
    expect(normalizeGlyphs(text)).toBe(text);
  });
});
