/** The memo as a complete, printable HTML page (remark-rehype + rehype-stringify), also used as the mail's HTML body. */
import type { Element, Root as HastRoot } from 'hast';
import type { Root } from 'mdast';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { buildMemoTree, type MemoContext, memoTitle } from './memo-tree.js';
import type { CheckResult } from './result-schema.js';
import { unitLabel } from './verdict.js';

/** Inline so that the page prints the same when opened from a mail or a folder, with no other file. */
const stylesheet = `
body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; font-size: 12pt; line-height: 1.7; color: #111; margin: 0; }
main { max-width: 48em; margin: 2em auto; padding: 0 1.5em; }
h1 { font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; font-size: 18pt; text-align: center; margin: 0.5em 0 1em; }
h2 { font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; font-size: 14pt; margin: 1.4em 0 0.4em; }
h3 { font-size: 12pt; margin: 1em 0 0.3em; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; }
th, td { border: 1px solid #444; padding: 0.25em 0.6em; text-align: left; vertical-align: top; word-break: break-all; }
th { background: #eee; }
table.identification td:first-child, table.identification th:first-child { width: 6em; white-space: nowrap; }
li { margin: 0.2em 0; }
hr { border: 0; border-top: 1px solid #999; margin: 1.5em 0; }
.closing { text-align: right; margin: 0.2em 0; }
@page { size: A4; margin: 2cm; }
@media print { main { margin: 0; max-width: none; padding: 0; } th { background: none; } }
`;

function element(tagName: string, properties: Element['properties'], children: Element['children']): Element {
  return { type: 'element', tagName, properties, children };
}

export function memoPageTitle(result: CheckResult): string {
  const year = result.report?.year;
  const unit = unitLabel(result);
  return unit === '未能识别'
    ? memoTitle
    : `${unit}${year === null || year === undefined ? '' : `${year}年度`}${memoTitle}`;
}

export function renderMemoHtml(result: CheckResult, context: MemoContext): string {
  return renderMemoTreeHtml(buildMemoTree(result, context), memoPageTitle(result));
}

/** A memo tree (a document's memo, or a package's) as the printable page, titled `title`. */
export function renderMemoTreeHtml(tree: Root, title: string): string {
  const processor = unified().use(remarkRehype).use(rehypeStringify);
  const body = processor.runSync(tree);
  const head = element('head', {}, [
    element('meta', { charSet: 'utf-8' }, []),
    element('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }, []),
    element('title', {}, [{ type: 'text', value: title }]),
    element('style', {}, [{ type: 'text', value: stylesheet }]),
  ]);
  const page: HastRoot = {
    type: 'root',
    children: [
      { type: 'doctype' },
      element('html', { lang: 'zh-CN' }, [
        head,
        element('body', {}, [element('main', {}, body.children as Element['children'])]),
      ]),
    ],
  };
  return `${processor.stringify(page)}\n`;
}
