/**
 * Tells a Word package from the other zips people send (XLSX, PPTX, ODT, OFD, plain archives) by its
 * entries, and says in Chinese what to send instead.
 */

const WORD_MAIN_CONTENT_TYPES = [
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml',
  'application/vnd.ms-word.document.macroenabled.main+xml',
  'application/vnd.ms-word.template.macroenabledtemplate.main+xml',
];

const DEFAULT_MAIN_DOCUMENT = 'word/document.xml';

const OVERRIDE = /<Override\b[^>]*>/g;
const attribute = (tag: string, name: string) => new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`).exec(tag)?.[1];

/**
 * The main document part of a Word package, or null when the zip is not one. Word names it
 * word/document.xml; other writers may use another name, declared in [Content_Types].xml.
 */
export function findMainDocument(names: ReadonlySet<string>, contentTypes: Buffer | undefined): string | null {
  if (names.has(DEFAULT_MAIN_DOCUMENT)) return DEFAULT_MAIN_DOCUMENT;
  if (!contentTypes) return null;
  for (const [tag] of contentTypes.toString('utf8').matchAll(OVERRIDE)) {
    const contentType = attribute(tag, 'ContentType')?.toLowerCase();
    const partName = attribute(tag, 'PartName')?.replace(/^\//, '');
    if (contentType && partName && WORD_MAIN_CONTENT_TYPES.includes(contentType) && names.has(partName)) {
      return partName;
    }
  }
  return null;
}

/** Why a zip that is not a Word document cannot be read, in words finance staff use. */
export function describeNonWordPackage(names: ReadonlySet<string>): string {
  if (names.has('xl/workbook.xml')) {
    return '该文件为Excel表格（.xlsx），不是自评报告文档，请报送Word（.docx）或PDF格式的自评报告。';
  }
  if (names.has('ppt/presentation.xml')) {
    return '该文件为PowerPoint演示文稿（.pptx），不是自评报告文档，请报送Word（.docx）或PDF格式的自评报告。';
  }
  if (names.has('mimetype') && names.has('content.xml')) {
    return '该文件为OpenDocument格式（如.odt），请用Word或WPS另存为.docx或PDF后重新报送。';
  }
  if (names.has('OFD.xml')) {
    return '该文件为OFD版式文件，暂不支持，请报送Word（.docx）或PDF格式的自评报告。';
  }
  return '该文件为压缩包而非Word文档，请解压后报送其中的Word（.docx）或PDF自评报告。';
}
