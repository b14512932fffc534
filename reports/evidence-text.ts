/** One line of text per piece of evidence, and the rule's name, shared by memos, the summary and mail bodies. */
import type { Evidence } from '../extractors/model/report-schema.js';
import type { Finding } from '../rules/finding-schema.js';
import { describeLocation } from './locations.js';

/** Long enough for a sentence with its figures; a whole paragraph would bury the figure. */
const maxQuoteLength = 160;

export function quoteText(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const codePoints = Array.from(flat);
  return codePoints.length > maxQuoteLength ? `${codePoints.slice(0, maxQuoteLength).join('')}…` : flat;
}

/** 动态调整：「动态调整（15分）」 — the label, and the text as the document has it. */
export function evidenceQuote(evidence: Evidence): string {
  const quoted = quoteText(evidence.text);
  const label = evidence.label.trim();
  if (quoted === '') return `${label}：${evidence.value ?? ''}`;
  const prefix = label === '' || label === quoted ? '' : `${label}：`;
  return `${prefix}「${quoted}」`;
}

/** 动态调整：「动态调整（15分）」（打分表第7行第2列） */
export function evidenceLine(evidence: Evidence, scoringTable: number): string {
  return `${evidenceQuote(evidence)}（${describeLocation(evidence.location, scoringTable)}）`;
}

/** Evidence as the reader sees it: the same label, text and place twice is said once. */
export function distinctEvidence(evidence: readonly Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((item) => {
    // The outline on the page (box) is for the screen; the reader sees the same place.
    const { box: _box, ...place } = item.location as typeof item.location & { box?: unknown };
    const key = JSON.stringify([item.label.trim(), quoteText(item.text), place]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function ruleLabel(finding: Pick<Finding, 'ruleId' | 'title'>): string {
  return finding.title ? `${finding.title}（${finding.ruleId}）` : finding.ruleId;
}
