/** The review memo (审核意见) of one submission: the tree and its Markdown, HTML and DOCX renderings. */
export { renderMemoDocx } from './memo-docx.js';
export { memoPageTitle, renderMemoHtml } from './memo-html.js';
export { renderMemoMarkdown } from './memo-markdown.js';
export { buildMemoTree, type MemoContext, type MemoSupersedes, memoTitle } from './memo-tree.js';
export { type Verdict, verdictOf } from './verdict.js';
