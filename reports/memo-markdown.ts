/** The memo as GitHub-flavoured Markdown (remark-stringify + remark-gfm for the tables). */

import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { buildMemoTree, type MemoContext } from './memo-tree.js';
import type { CheckResult } from './result-schema.js';

/** Made and frozen once: configuring a processor (remark-gfm's extensions) cost more than writing a memo with it. */
const markdownProcessor = unified()
  .use(remarkGfm, { tablePipeAlign: false })
  .use(remarkStringify, { bullet: '-', rule: '-' })
  .freeze();

export function stringifyMarkdown(tree: Root): string {
  return markdownProcessor.stringify(tree);
}

export function renderMemoMarkdown(result: CheckResult, context: MemoContext): string {
  return stringifyMarkdown(buildMemoTree(result, context));
}
