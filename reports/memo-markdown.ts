/** The memo as GitHub-flavoured Markdown (remark-stringify + remark-gfm for the tables). */

import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { buildMemoTree, type MemoContext } from './memo-tree.js';
import type { CheckResult } from './result-schema.js';

export function stringifyMarkdown(tree: Root): string {
  return unified()
    .use(remarkGfm, { tablePipeAlign: false })
    .use(remarkStringify, { bullet: '-', rule: '-' })
    .stringify(tree);
}

export function renderMemoMarkdown(result: CheckResult, context: MemoContext): string {
  return stringifyMarkdown(buildMemoTree(result, context));
}
