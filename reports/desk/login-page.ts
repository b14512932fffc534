/** The login form of a desk served beyond this computer (with --password-file). */
import { html } from './html.js';
import { page } from './layout.js';

export function renderLoginPage(model: { csrf: string; error: string | null }): string {
  return page(
    { title: '登录', csrf: model.csrf },
    html`<h1>登录审核台</h1>
${model.error ? html`<p class="rejected" role="alert">${model.error}</p>` : ''}
<form method="post" action="/login" class="login">
<input type="hidden" name="csrf" value="${model.csrf}">
<label>审核人姓名 <input type="text" name="reviewer" required maxlength="50" autocomplete="name"></label>
<label>密码 <input type="password" name="password" required autocomplete="current-password"></label>
<button type="submit">登录</button>
</form>`,
  );
}

/** A short page for an error the reviewer sees (404, 403, a refused form). */
export function renderMessagePage(model: { title: string; message: string; csrf: string | null }): string {
  return page(
    { title: model.title, csrf: model.csrf },
    html`<h1>${model.title}</h1><p>${model.message}</p><p><a href="/">返回批次总览</a></p>`,
  );
}
