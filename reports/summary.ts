/** The bureau's summary across all submissions, as a workbook and as Markdown. */
export { renderSummaryMarkdown } from './summary-markdown.js';
export {
  mailStateLabel,
  mostUrgentMailState,
  overviewRows,
  type SummaryMailState,
  type SummaryPackage,
  type SummaryRow,
  unitRows,
} from './summary-rows.js';
export { renderSummaryXlsx } from './summary-xlsx.js';
