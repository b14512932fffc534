/** The frame every desk page shares: Chinese, printable, local assets only (no CDN). */
import { type Html, html } from './html.js';

export interface PageFrame {
  title: string;
  /** The form token of the reviewer's session, put in every form and read by the page script. */
  csrf: string | null;
  /** Shown in the header when a password protects the desk. */
  signedInAs?: string | null;
}

export function page(frame: PageFrame, body: Html): string {
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${frame.csrf ? html`<meta name="csrf-token" content="${frame.csrf}">` : ''}
<title>${frame.title} · 绩效自评报告审核台</title>
<link rel="stylesheet" href="/assets/desk.css">
<script src="/assets/desk.js" defer></script>
</head>
<body>
<header class="top"><a class="brand" href="/">绩效自评报告审核台</a>
<nav><a href="/">批次总览</a> <a href="/files/summary.xlsx">下载汇总表</a>${
    frame.signedInAs
      ? html` <span class="who">审核人：${frame.signedInAs}</span>
<form method="post" action="/logout" class="inline"><input type="hidden" name="csrf" value="${frame.csrf ?? ''}"><button>退出</button></form>`
      : ''
  }</nav></header>
<main id="main">${body}</main>
</body>
</html>
`.value;
}
