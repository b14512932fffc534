/** Pruning WordprocessingML before mammoth: formatting and bookmarks go, text and structure stay. */
import { describe, expect, it } from 'vitest';
import { dropBookmarks, fillGridBefore, minimizeStyles, pruneFormatting } from '../../../extractors/docx/xml-prune.js';

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
    const text = '<w:t>参数 w:rsidR="00A1" xml:space="preserve" <w:sectPr/> 照录</w:t>'.replace(
      '<w:sectPr/>',
      '&lt;w:sectPr/&gt;',
    );
    expect(pruneFormatting(text)).toBe(text);
  });

  it('drops xml:space from start tags, where mammoth does not read it, and keeps the whitespace', () => {
    expect(pruneFormatting('<w:r><w:t xml:space="preserve">  二、 </w:t></w:r>')).toBe('<w:r><w:t>  二、 </w:t></w:r>');
  });

  it('drops section properties, and leaves them when a tracked change nests one in another', () => {
    const body =
      '<w:p><w:pPr><w:sectPr><w:pgSz w:w="11906"/><w:headerReference r:id="rId1"/></w:sectPr></w:pPr><w:r><w:t>一</w:t></w:r></w:p><w:sectPr w:rsidR="1"/>';
    expect(pruneFormatting(body)).toBe('<w:p><w:r><w:t>一</w:t></w:r></w:p>');
    const tracked =
      '<w:sectPr><w:headerReference r:id="rId1"/><w:sectPrChange w:id="1"><w:sectPr><w:titlePg/></w:sectPr></w:sectPrChange></w:sectPr>';
    expect(pruneFormatting(tracked)).toBe(tracked);
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

describe('minimizeStyles', () => {
  const root =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">';

  it("keeps each style's type, id and name, and a numbering style's numId, and nothing else", () => {
    const xml = [
      root,
      '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman"/></w:rPr></w:rPrDefault></w:docDefaults>',
      '<w:latentStyles w:count="376"><w:lsdException w:name="heading 1" w:uiPriority="9"/></w:latentStyles>',
      '<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>',
      '<w:style w:type="numbering" w:styleId="a2"><w:name w:val="No List"/><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="4"/></w:numPr></w:pPr></w:style>',
      '<w:style w:type="character" w:default="1" w:styleId="a0"/>',
      '</w:styles>',
    ].join('');
    expect(minimizeStyles(xml)).toBe(
      [
        root,
        '<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 1"/></w:style>',
        '<w:style w:type="numbering" w:styleId="a2"><w:name w:val="No List"/><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>',
        '<w:style w:type="character" w:default="1" w:styleId="a0"/>',
        '</w:styles>',
      ].join(''),
    );
  });

  it('leaves styles written another way as they are: another prefix, comments, an empty root', () => {
    const strict =
      '<s:styles xmlns:s="http://purl.oclc.org/ooxml/wordprocessingml/main"><s:style s:styleId="1"/></s:styles>';
    expect(minimizeStyles(strict)).toBe(strict);
    const commented = `${root}<!-- <w:style w:styleId="x"> --><w:style w:styleId="1"><w:name w:val="a"/><w:b/></w:style></w:styles>`;
    expect(minimizeStyles(commented)).toBe(commented);
    const empty = '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>';
    expect(minimizeStyles(empty)).toBe(empty);
  });
});
