/**
 * 批次总览: one row per unit and year package (its current documents), with counts above and the
 * findings-by-rule chart. Sorting, filtering and search run in the page script on the rows' data-*
 * attributes, so the page works without it too (printed, the full table shows).
 */
import { html } from './html.js';
import { page } from './layout.js';
import { type RuleCount, ruleChart } from './rule-chart.js';

export type PackageStatus = '已审核' | '已退回' | '部分退回';

export interface PackageRow {
  /** Link to the unit page. */
  href: string;
  unit: string;
  year: number | null;
  documents: number;
  status: PackageStatus;
  score: number | null;
  errors: number;
  warnings: number;
  infos: number;
  problems: number;
  confirmed: number;
  dismissed: number;
  /** Findings without a decision yet. */
  open: number;
  /** The most urgent state of the unit's messages, its documents' and its package's (as 汇总's 邮件 cell). */
  mail: string;
  /** Each kind of message's state (文件：…, 报送材料核对：…) when they differ or the package has a message; else empty. */
  mailDetail: readonly string[];
}

export interface BatchPageModel {
  packages: readonly PackageRow[];
  rules: readonly RuleCount[];
  csrf: string | null;
  signedInAs?: string | null;
  /** Whether uploads go to a watched inbox (shown next to the drop zone). */
  inbox: boolean;
}

function severityClass(row: PackageRow): string {
  if (row.errors > 0) return 'error';
  if (row.warnings > 0) return 'warning';
  if (row.infos > 0) return 'info';
  return 'none';
}

export function renderBatchPage(model: BatchPageModel): string {
  const rows = model.packages;
  const total = (pick: (row: PackageRow) => number): number => rows.reduce((sum, row) => sum + pick(row), 0);
  const rejected = rows.filter((row) => row.status !== '已审核').length;
  const body = html`<h1>批次总览</h1>
<section class="counts" aria-label="统计">
<div><b id="count-packages">${rows.length}</b><span>单位（年度）</span></div>
<div><b>${total((row) => row.documents)}</b><span>文件</span></div>
<div><b>${rejected}</b><span>含退回文件</span></div>
<div class="error"><b>${total((row) => row.errors)}</b><span>错误</span></div>
<div class="warning"><b>${total((row) => row.warnings)}</b><span>警告</span></div>
<div class="info"><b>${total((row) => row.infos)}</b><span>提示</span></div>
<div><b>${total((row) => row.dismissed)}</b><span>不采纳</span></div>
<div><b>${total((row) => row.open)}</b><span>待审核</span></div>
</section>
<section class="chart"><h2>各规则发现问题数</h2>${ruleChart(model.rules)}</section>
<section class="upload" id="drop-zone" data-upload="/upload">
<p>将报送文件（DOCX、PDF）拖到此处上传审核${model.inbox ? '（放入收件文件夹）' : ''}，或
<label class="file-button">选择文件<input type="file" id="upload-input" multiple accept=".docx,.pdf,.doc,.xlsx,.xls"></label></p>
<p id="upload-status" role="status"></p>
</section>
<section class="filters no-print">
<label>搜索单位 <input type="search" id="filter-search" placeholder="单位名称"></label>
<label>状态 <select id="filter-status"><option value="">全部</option><option>已审核</option><option>已退回</option><option>部分退回</option></select></label>
<label>问题 <select id="filter-severity"><option value="">全部</option><option value="error">有错误</option><option value="warning">有警告（无错误）</option><option value="info">仅提示</option><option value="none">无问题</option></select></label>
</section>
<table class="packages" id="packages">
<thead><tr>
<th data-sort="unit">单位</th><th data-sort="year" data-type="number">年度</th><th data-sort="documents" data-type="number">文件</th>
<th data-sort="status">状态</th><th data-sort="score" data-type="number">自评得分</th><th data-sort="errors" data-type="number">错误</th>
<th data-sort="warnings" data-type="number">警告</th><th data-sort="infos" data-type="number">提示</th><th data-sort="problems" data-type="number">提取提示</th>
<th data-sort="decided" data-type="number">审核决定</th><th data-sort="mail">邮件</th>
</tr></thead>
<tbody>
${rows.map(
  (
    row,
  ) => html`<tr data-unit="${row.unit}" data-year="${row.year ?? ''}" data-documents="${row.documents}" data-status="${row.status}" data-score="${row.score ?? ''}" data-errors="${row.errors}" data-warnings="${row.warnings}" data-infos="${row.infos}" data-problems="${row.problems}" data-decided="${row.confirmed + row.dismissed}" data-mail="${row.mail}" data-severity="${severityClass(row)}">
<td><a href="${row.href}">${row.unit}</a></td><td>${row.year ?? '—'}</td><td>${row.documents}</td><td>${row.status}</td>
<td>${row.score ?? '—'}</td><td class="${row.errors ? 'error' : ''}">${row.errors}</td><td class="${row.warnings ? 'warning' : ''}">${row.warnings}</td><td>${row.infos}</td>
<td>${row.problems}</td><td>确认${row.confirmed} · 不采纳${row.dismissed} · 待定${row.open}</td><td class="mail">${row.mail}${row.mailDetail.map(
    (line) => html`<br><small class="muted">${line}</small>`,
  )}</td></tr>
`,
)}
</tbody></table>
${rows.length === 0 ? html`<p class="muted">输出文件夹中还没有报送记录。</p>` : ''}`;
  return page({ title: '批次总览', csrf: model.csrf, signedInAs: model.signedInAs ?? null }, body);
}
