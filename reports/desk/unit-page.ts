/**
 * 单位: a unit's package — its documents and their findings. Each finding opens to its evidence in
 * the original: a PDF page image with the figure's box outlined, or the DOCX rendered as HTML,
 * scrolled to the paragraph or cell and highlighted; both places when a finding compares two
 * figures. Beside it the decision form (确认 / 不采纳 with a reason) and the decision history.
 */
import { type Html, html } from './html.js';
import { page } from './layout.js';

export type EvidencePlace =
  | {
      kind: 'pdf-page';
      /** The page image's URL. */
      image: string;
      page: number;
      /** [x0, y0, x1, y1] in PDF points from the lower-left corner; null when the extractor gave none. */
      box: readonly [number, number, number, number] | null;
      /** The image's resolution, to turn points into pixels. */
      dpi: number;
      /** The submission is a photo or picture (JPEG, PNG): one page, called 原件（图片）, not 原件第1页. */
      picture?: boolean;
    }
  | { kind: 'document-html'; url: string; anchor: string }
  | null;

export interface EvidenceView {
  label: string;
  value: string;
  quote: string;
  where: string;
  place: EvidencePlace;
}

export interface DecisionView {
  decision: 'confirmed' | 'dismissed';
  reason: string;
  reviewer: string;
  at: string;
  /** Made on an earlier submission of the unit and year, carried over to this one. */
  carried: boolean;
}

export interface FindingView {
  key: string;
  severity: 'error' | 'warning' | 'info';
  ruleId: string;
  title: string;
  message: string;
  evidence: readonly EvidenceView[];
  decision: DecisionView | null;
  history: readonly DecisionView[];
}

export interface DocumentView {
  sha256: string;
  fileName: string;
  format: string;
  status: string;
  error: string | null;
  superseded: boolean;
  receivedAt: string;
  original: string;
  memo: { html: string; docx: string } | null;
  findings: readonly FindingView[];
  problems: readonly string[];
}

export interface UnitPageModel {
  unit: string;
  year: number | null;
  csrf: string | null;
  signedInAs?: string | null;
  /** Where the resend-mail form posts. */
  mailAction: string;
  /** The package memo (报送材料核对: the checks across the unit's documents of the year), when the desk wrote one. */
  packageMemo?: { html: string; docx: string } | null;
  documents: readonly DocumentView[];
}

const severityLabel = { error: '错误', warning: '警告', info: '提示' } as const;
const decisionLabel = { confirmed: '确认', dismissed: '不采纳' } as const;

function evidencePlace(place: EvidencePlace, index: number): Html {
  if (!place) return html`<p class="muted">无法定位原文位置。</p>`;
  if (place.kind === 'pdf-page') {
    const name = place.picture ? '原件（图片）' : `原件第${place.page}页`;
    return html`<figure class="page-evidence" data-box="${place.box ? place.box.join(',') : ''}" data-dpi="${place.dpi}">
<div class="page-sheet"><img loading="lazy" data-src="${place.image}" alt="${name}" id="page-image-${index}">
${place.box ? html`<div class="outline" aria-hidden="true"></div>` : ''}</div>
<figcaption>${name}${place.box ? '' : '（未能定位到具体位置）'}</figcaption></figure>`;
  }
  return html`<iframe class="document-evidence" loading="lazy" data-src="${place.url}#${place.anchor}" title="原件（定位到${place.anchor}）"></iframe>`;
}

function decisionText(decision: DecisionView): Html {
  return html`<span class="decision ${decision.decision}">${decisionLabel[decision.decision]}</span>
${decision.reason ? html`：${decision.reason}` : ''}<span class="muted">（${decision.reviewer}，${decision.at}${decision.carried ? '，沿用此前报送版本的决定' : ''}）</span>`;
}

function findingBlock(document: DocumentView, finding: FindingView, csrf: string | null, index: number): Html {
  const dismissed = finding.decision?.decision === 'dismissed';
  return html`<details class="finding ${finding.severity}${dismissed ? ' dismissed' : ''}" id="finding-${finding.key}" data-finding="${finding.key}" data-rule="${finding.ruleId}">
<summary><span class="severity ${finding.severity}">${severityLabel[finding.severity]}</span> ${finding.message}
<span class="rule">${finding.title}（${finding.ruleId}）</span>
${finding.decision ? html`<span class="current-decision">${decisionText(finding.decision)}</span>` : html`<span class="current-decision muted">待审核</span>`}</summary>
<div class="finding-body">
<div class="evidence-list">
${finding.evidence.map(
  (evidence, i) => html`<div class="evidence">
<p><b>${evidence.label}</b>：${evidence.value} <span class="muted">${evidence.where}</span></p>
<p class="quote">${evidence.quote}</p>
${evidencePlace(evidence.place, index * 10 + i)}
</div>`,
)}
</div>
<form method="post" action="/decisions" class="decision-form">
<input type="hidden" name="csrf" value="${csrf ?? ''}">
<input type="hidden" name="sha256" value="${document.sha256}">
<input type="hidden" name="finding" value="${finding.key}">
<label><input type="radio" name="decision" value="confirmed" required> 确认</label>
<label><input type="radio" name="decision" value="dismissed"> 不采纳</label>
<label class="reason">理由 <input type="text" name="reason" maxlength="500" placeholder="不采纳时必须填写理由"></label>
<button type="submit">保存决定</button>
</form>
${
  finding.history.length > 1
    ? html`<details class="history"><summary>决定记录（${finding.history.length}条）</summary><ol>${finding.history.map(
        (entry) => html`<li>${decisionText(entry)}</li>`,
      )}</ol></details>`
    : ''
}
</div>
</details>`;
}

export function renderUnitPage(model: UnitPageModel): string {
  let index = 0;
  const title = `${model.unit} ${model.year ?? ''}年度`;
  const body = html`<p class="crumbs"><a href="/">批次总览</a> › ${model.unit}</p>
<h1>${title}</h1>
<form method="post" action="${model.mailAction}" class="inline no-print">
<input type="hidden" name="csrf" value="${model.csrf ?? ''}"><button type="submit">重新发送本单位邮件</button></form>
${
  model.packageMemo
    ? html`<section class="package-memo">
<h2>报送材料核对 <small>本单位本年度各文件之间的数字核对</small></h2>
<p class="downloads"><a href="${model.packageMemo.docx}">报送材料核对意见（DOCX）</a> · <a href="${model.packageMemo.html}">报送材料核对意见（HTML）</a></p>
</section>`
    : ''
}
${model.documents.map(
  (
    document,
  ) => html`<section class="document${document.superseded ? ' superseded' : ''}" data-sha256="${document.sha256}">
<h2>${document.fileName} <small>${document.format.toUpperCase()} · ${document.status}${document.superseded ? ' · 已被替代' : ''}</small></h2>
<p class="downloads"><a href="${document.original}">下载原件</a>${
    document.memo
      ? html` · <a href="${document.memo.docx}">审核意见（DOCX）</a> · <a href="${document.memo.html}">审核意见（HTML）</a>`
      : ''
  } <span class="muted">收到于 ${document.receivedAt}</span></p>
${document.error ? html`<p class="rejected">已退回：${document.error}</p>` : ''}
${document.findings.length === 0 && !document.error ? html`<p class="muted">未发现问题。</p>` : ''}
<div class="findings">${document.findings.map((finding) => findingBlock(document, finding, model.csrf, index++))}</div>
${
  document.problems.length > 0
    ? html`<details class="problems"><summary>提取提示（${document.problems.length}项）</summary><ul>${document.problems.map(
        (problem) => html`<li>${problem}</li>`,
      )}</ul></details>`
    : ''
}
</section>`,
)}`;
  return page({ title, csrf: model.csrf, signedInAs: model.signedInAs ?? null }, body);
}
