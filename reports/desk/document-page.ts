/**
 * A DOCX (or any non-PDF original) drawn as HTML from its document model, every paragraph and
 * table cell carrying the anchor its evidence locations point at: `p-<paragraph>` and
 * `t-<table>-<row>-<column>` (merged positions answer to their origin cell). The finding's place is
 * reached with the URL's fragment and highlighted by :target.
 */
import type { DocumentModel, TableBlock } from '../../extractors/model/document-model.js';
import { html } from './html.js';

export function paragraphAnchor(paragraph: number): string {
  return `p-${paragraph}`;
}

export function cellAnchor(table: number, row: number, column: number): string {
  return `t-${table}-${row}-${column}`;
}

function table(block: TableBlock) {
  return html`<table id="t-${block.index}">${block.rows.map(
    (row, r) =>
      html`<tr>${row.map((cell, c) =>
        cell.merged
          ? ''
          : html`<td id="${cellAnchor(block.index, r, c)}"${cell.rowSpan > 1 ? html` rowspan="${cell.rowSpan}"` : ''}${
              cell.colSpan > 1 ? html` colspan="${cell.colSpan}"` : ''
            }>${cell.text}</td>`,
      )}</tr>`,
  )}</table>`;
}

export function renderDocumentPage(model: DocumentModel, title: string): string {
  return html`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title>
<link rel="stylesheet" href="/assets/document.css"></head>
<body><article>
${model.blocks.map((block) =>
  block.kind === 'paragraph'
    ? block.headingLevel !== null && block.headingLevel <= 3
      ? html`<h${block.headingLevel + 1} id="${paragraphAnchor(block.location.paragraph)}">${block.text}</h${block.headingLevel + 1}>\n`
      : html`<p id="${paragraphAnchor(block.location.paragraph)}">${block.text}</p>\n`
    : table(block),
)}
</article></body></html>`.value;
}
