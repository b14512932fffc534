/** Pruning WordprocessingML before mammoth: formatting and bookmarks go, text and structure stay. */
import { describe, expect, it } from 'vitest';
import { dropBookmarks, fillGridBefore, pruneFormatting } from '../../extractors/docx-xml-prune.js';

describe('pruneFormatting', () => {
  it.each([
    // run formatting goes, and its emptied container with it; the run and its text stay
    [
      '<w:r><w:rPr><w:rFonts w:eastAsia="仿宋"/><w:b/><w:sz w:val="32"/></w:rPr><w:t>97分</w:t></w:r>',
      '<w:r><w:t>97分</w:t></w:r>',
    ],
    // line breaks, the body and tabs are not formatting, though their names start alike
    [
      '<w:body><w:p><w:r><w:br/><w:tab/><w:t>一</w:t></w:r></w:p></w:body>',
      '<w:body><w:p><w:r><w:br/><w:tab/><w:t>一</w:t></w:r></w:p></w:body>',
    ],
    // cell widths and borders go; gridSpan and vMerge, which make the grid, stay
    [
      '<w:tcPr><w:tcW w:w="1100" w:type="dxa"/><w:gridSpan w:val="3"/><w:vMerge w:val="restart"/><w:tcBorders><w:top w:val="single"/></w:tcBorders></w:tcPr>',
      '<w:tcPr><w:gridSpan w:val="3"/><w:vMerge w:val="restart"/></w:tcPr>',
    ],
    // paragraph styles and numbering stay; spacing and indentation go
    [
      '<w:pPr><w:pStyle w:val="1"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr><w:spacing w:line="560"/><w:ind w:firstLine="640"/></w:pPr>',
      '<w:pPr><w:pStyle w:val="1"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:pPr>',
    ],
    // header rows and deleted rows stay marked
    [
      '<w:trPr><w:trHeight w:val="400"/><w:tblHeader/><w:del w:id="1"/></w:trPr>',
      '<w:trPr><w:tblHeader/><w:del w:id="1"/></w:trPr>',
    ],
    // revision ids go from tags
    [
      '<w:p w:rsidR="00A1" w14:paraId="1A2B" w:rsidRDefault="00B2"><w:r w:rsidRPr="00C3"><w:t>x</w:t></w:r></w:p>',
      '<w:p><w:r><w:t>x</w:t></w:r></w:p>',
    ],
  ])('prunes %s', (input, expected) => {
    expect(pruneFormatting(input)).toBe(expected);
  });

  it('removes containers emptied level by level, and keeps those with anything left in them', () => {
    const xml =
      '<w:tc><w:tcPr><w:tcBorders><w:top w:val="single"/></w:tcBorders><w:tcMar><w:left w:w="60"/></w:tcMar></w:tcPr><w:p><w:pPr><w:rPr><w:b/></w:rPr></w:pPr></w:p></w:tc>';
    expect(pruneFormatting(xml)).toBe('<w:tc><w:p></w:p></w:tc>');
    const kept = '<w:pPr><w:pStyle w:val="2"/><w:rPr><w:del w:id="3"/></w:rPr></w:pPr>';
    expect(pruneFormatting(kept)).toBe(kept);
  });

  it('keeps attribute-like text inside w:t untouched', () => {
    const text = '<w:t xml:space="preserve">参数 w:rsidR="00A1" 照录</w:t>';
    expect(pruneFormatting(text)).toBe(text);
  });
});

describe('dropBookmarks', () => {
  it('removes self-closing and paired bookmark marks and nothing else', () => {
    const xml =
      '<w:tbl><w:bookmarkStart w:id="0" w:name="_Toc1"/><w:tr><w:tc><w:p/></w:tc><w:bookmarkEnd w:id="0"></w:bookmarkEnd></w:tr></w:tbl>';
    expect(dropBookmarks(xml)).toBe('<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>');
  });

  it('leaves XML without bookmarks as it is', () => {
    const xml = '<w:p><w:r><w:t>bookmark</w:t></w:r></w:p>';
    expect(dropBookmarks(xml)).toBe(xml);
  });
});

describe('fillGridBefore', () => {
  it('puts one empty cell per skipped grid column at the start of the row', () => {
    const row = '<w:tr><w:trPr><w:gridBefore w:val="2"/><w:wBefore w:w="900"/></w:trPr><w:tc><w:p/></w:tc></w:tr>';
    expect(fillGridBefore(row)).toBe(
      '<w:tr><w:trPr><w:gridBefore w:val="2"/><w:wBefore w:w="900"/></w:trPr><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr>',
    );
  });

  it('leaves rows without gridBefore, and rows with tracked property changes, as they are', () => {
    const plain =
      '<w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:p/></w:tc></w:tr><w:tr><w:trPr><w:gridBefore w:val="0"/></w:trPr></w:tr>';
    expect(fillGridBefore(plain)).toBe(plain);
    const tracked =
      '<w:tr><w:trPr><w:gridBefore w:val="1"/><w:trPrChange w:id="1"><w:trPr/></w:trPrChange></w:trPr><w:tc><w:p/></w:tc></w:tr>';
    expect(fillGridBefore(tracked)).toBe(tracked);
  });
});
