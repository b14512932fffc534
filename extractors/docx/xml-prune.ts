/**
 * Prepares a WordprocessingML part before mammoth parses it, for two reasons:
 * - correctness: a bookmark between table rows or cells is not a row or cell to mammoth, which then
 *   gives up merging the table's cells (body-reader.js, calculateRowSpans); bookmarks carry no text.
 *   And mammoth ignores w:gridBefore (grid columns skipped at the start of a row, as WPS writes for
 *   indented rows), which would shift that row's cells left: they become empty placeholder cells;
 * - speed: most of a document.xml is formatting (fonts, sizes, spacing, borders, widths, revision ids)
 *   that mammoth builds DOM nodes for and review-desk never reads; dropping it halves mammoth's time.
 * Only self-closing formatting leaves, section properties and attributes inside tags are removed, never
 * text or structure (paragraph styles, numbering, gridSpan, vMerge, deleted/inserted marks and header rows
 * all stay). The styles part is cut down to what mammoth reads of it (minimizeStyles).
 */

const BOOKMARK = /<w:bookmark(Start|End)\b[^>]*?(?:\/>|>\s*<\/w:bookmark\1\s*>)/g;

/** Self-closing run, paragraph, cell and table properties with no bearing on text or grid. */
const FORMATTING_LEAVES = [
  'adjustRightInd',
  'autoSpaceDE',
  'autoSpaceDN',
  'b',
  'bCs',
  'bottom',
  'cantSplit',
  'caps',
  'color',
  'contextualSpacing',
  'cs',
  'dstrike',
  'eastAsianLayout',
  'end',
  'gridCol',
  'highlight',
  'i',
  'iCs',
  'ind',
  'insideH',
  'insideV',
  'jc',
  'keepLines',
  'keepNext',
  'kern',
  'kinsoku',
  'lang',
  'left',
  'noProof',
  'overflowPunct',
  'position',
  'right',
  'rFonts',
  'shd',
  'smallCaps',
  'snapToGrid',
  'spacing',
  'start',
  'strike',
  'sz',
  'szCs',
  'tblInd',
  'tblLayout',
  'tblLook',
  'tblW',
  'tcW',
  'textAlignment',
  'top',
  'topLinePunct',
  'trHeight',
  'u',
  'vAlign',
  'vertAlign',
  'w',
  'webHidden',
  'widowControl',
  'wordWrap',
];

// `<w:b/>` must not match `<w:br/>` or `<w:body>`: the name ends at whitespace or "/>". A '<' never
// stands unescaped in XML text, so this cannot match inside text.
const LEAF = new RegExp(`<w:(?:${FORMATTING_LEAVES.join('|')})(?:\\s[^>]*)?/>`, 'g');
/** Revision-save ids and Word 2010 paragraph ids: several per paragraph in files saved by Word. */
const ID_ATTRIBUTE = /\s(?:w:rsid[A-Za-z]*|w14:paraId|w14:textId)="[^"]*"/g;
// Attributes are only stripped inside start tags, so text that happens to look like one is kept.
const TAG_WITH_IDS = /<w:[A-Za-z]+\s[^>]*?(?:w:rsid|w14:paraId|w14:textId)[^>]*>/g;

export function dropBookmarks(xml: string): string {
  return xml.includes('<w:bookmark') ? xml.replace(BOOKMARK, '') : xml;
}

const ROW_PROPERTIES = /<w:trPr>([\s\S]*?)<\/w:trPr>/g;
const GRID_BEFORE = /<w:gridBefore w:val="(\d+)"\s*\/>/;
const PLACEHOLDER_CELL = '<w:tc><w:p/></w:tc>';
/** Word's own limit on grid columns. */
const MAX_GRID_BEFORE = 63;

/** Puts an empty cell in each grid column a row skips with w:gridBefore, so its cells stay in their columns. */
export function fillGridBefore(xml: string): string {
  if (!xml.includes('<w:gridBefore')) return xml;
  return xml.replace(ROW_PROPERTIES, (properties, inside: string) => {
    // A tracked change nests another w:trPr; the match then ends inside it, where a cell must not go.
    if (inside.includes('<w:trPrChange')) return properties;
    const skipped = Number(GRID_BEFORE.exec(inside)?.[1] ?? 0);
    return properties + PLACEHOLDER_CELL.repeat(Math.min(skipped, MAX_GRID_BEFORE));
  });
}

/** Property containers left empty once their leaves are gone (a cell's borders inside its properties: two levels). */
const EMPTY_CONTAINER = /<w:(rPr|pPr|tcPr|trPr|tcBorders|tcMar|pBdr|tblBorders|tblCellMar)(?:\/>|><\/w:\1>)/g;

/*
 * `xml:space="preserve"` on nearly every w:t: mammoth keeps a text node's whitespace either way, and
 * xmldom resolves the xml: prefix of each such attribute (about a fifth of the parse of a pruned document).
 * Matched only as a whole start tag, so text cannot match.
 */
const SPACE_PRESERVE = /<(w:[A-Za-z]+) xml:space="preserve">/g;
/** Section properties (page size, margins, header references): mammoth ignores w:sectPr whole. */
const SECTION_PROPERTIES = /<w:sectPr\b[^>]*?(?:\/>|>[\s\S]*?<\/w:sectPr>)/g;

export function pruneFormatting(xml: string): string {
  let pruned = xml
    .replace(LEAF, '')
    .replace(TAG_WITH_IDS, (tag) => tag.replace(ID_ATTRIBUTE, ''))
    .replace(SPACE_PRESERVE, '<$1>');
  // A tracked section change nests one w:sectPr in another, which the lazy match would cut in two.
  if (!pruned.includes('<w:sectPrChange')) pruned = pruned.replace(SECTION_PROPERTIES, '');
  for (let level = 0; level < 3; level++) {
    const emptied = pruned.replace(EMPTY_CONTAINER, '');
    if (emptied.length === pruned.length) break;
    pruned = emptied;
  }
  return pruned;
}

const STYLES_ROOT = /^[^<]*(?:<\?xml[^>]*\?>\s*)?<w:styles\b[^>]*>/;
const STYLE = /<w:style\b[^>]*?(?:\/>|>[\s\S]*?<\/w:style>)/g;
const STYLE_START = /^<w:style\b[^>]*>/;
const STYLE_NAME = /<w:name\b[^>]*?\/>/;
const NUM_ID = /<w:numId\b[^>]*?\/>/;

/**
 * styles.xml as mammoth reads it (docx/styles-reader.js): each w:style's type, id and name, and a numbering
 * style's numId. Fonts, sizes, spacing, latent styles and document defaults are dropped: in a Word file
 * they are most of the part. Left as it is when it is not written the usual way (another prefix, comments).
 */
export function minimizeStyles(xml: string): string {
  const root = STYLES_ROOT.exec(xml);
  if (!root || root[0].endsWith('/>') || xml.includes('<!--') || xml.includes('<![CDATA[')) return xml;
  const kept = [root[0]];
  for (const [style] of xml.matchAll(STYLE)) {
    const start = STYLE_START.exec(style)?.[0];
    if (!start || start.endsWith('/>')) {
      kept.push(style);
      continue;
    }
    const numId = start.includes('w:type="numbering"') ? NUM_ID.exec(style)?.[0] : undefined;
    kept.push(
      start,
      STYLE_NAME.exec(style)?.[0] ?? '',
      numId ? `<w:pPr><w:numPr>${numId}</w:numPr></w:pPr>` : '',
      '</w:style>',
    );
  }
  kept.push('</w:styles>');
  return kept.join('');
}
