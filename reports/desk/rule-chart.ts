/** The batch page's chart: findings by rule across the current submissions, as a horizontal SVG bar chart. */
import { type Html, html } from './html.js';

export interface RuleCount {
  ruleId: string;
  title: string;
  errors: number;
  warnings: number;
  infos: number;
}

const barHeight = 18;
const gap = 6;
const labelWidth = 300;
const barWidth = 420;

export function ruleChart(counts: readonly RuleCount[]): Html {
  const rows = [...counts]
    .map((count) => ({ ...count, total: count.errors + count.warnings + count.infos }))
    .filter((count) => count.total > 0)
    .sort((a, b) => b.total - a.total || a.ruleId.localeCompare(b.ruleId));
  if (rows.length === 0) return html`<p class="muted">本批次没有发现问题。</p>`;
  const max = Math.max(...rows.map((row) => row.total));
  const height = rows.length * (barHeight + gap) + gap;
  const scale = (n: number): number => (n / max) * barWidth;
  return html`<svg class="rule-chart" role="img" aria-label="各规则发现问题数" viewBox="0 0 ${labelWidth + barWidth + 60} ${height}" width="${labelWidth + barWidth + 60}" height="${height}">
${rows.map((row, i) => {
  const y = gap + i * (barHeight + gap);
  const e = scale(row.errors);
  const w = scale(row.warnings);
  const n = scale(row.infos);
  return html`<g data-rule="${row.ruleId}"><title>${row.ruleId}：错误${row.errors}，警告${row.warnings}，提示${row.infos}</title>
<text x="${labelWidth - 8}" y="${y + barHeight - 4}" text-anchor="end">${row.title}（${row.ruleId}）</text>
<rect class="bar-error" x="${labelWidth}" y="${y}" width="${e.toFixed(1)}" height="${barHeight}"></rect>
<rect class="bar-warning" x="${(labelWidth + e).toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${barHeight}"></rect>
<rect class="bar-info" x="${(labelWidth + e + w).toFixed(1)}" y="${y}" width="${n.toFixed(1)}" height="${barHeight}"></rect>
<text x="${(labelWidth + e + w + n + 6).toFixed(1)}" y="${y + barHeight - 4}">${row.total}</text></g>`;
})}
</svg>`;
}
