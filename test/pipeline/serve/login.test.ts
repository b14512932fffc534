/**
 * A desk behind a password (`review-desk passwd` + `serve --password-file`): the login form with its
 * CSRF token, the session cookie's flags, and the limit on failed logins.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath } from '../cli/support/cli.js';
import { type ServeProcess, startServe } from './serve-process.js';

let work: string;
let serve: ServeProcess;
const password = 'county-finance-2024';

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'review-desk-login-'));
  const made = spawnSync(process.execPath, [cliPath, 'passwd', join(work, 'desk.passwd')], {
    input: `${password}\n`,
    encoding: 'utf8',
  });
  expect(made.status).toBe(0);
  serve = await startServe(['--out', join(work, 'out'), '--password-file', join(work, 'desk.passwd')]);
}, 120_000);

afterAll(async () => {
  await serve?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function loginForm(): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(new URL('/login', serve.url));
  const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
  const csrf = /name="csrf" value="([^"]+)"/.exec(await response.text())![1]!;
  return { cookie, csrf };
}

function login(form: { cookie: string; csrf: string }, given: string): Promise<Response> {
  return fetch(new URL('/login', serve.url), {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: form.cookie },
    body: new URLSearchParams({ csrf: form.csrf, reviewer: '王会计', password: given }),
  });
}

describe('review-desk serve --password-file', () => {
  it('keeps only a hash in the password file', () => {
    const line = readFileSync(join(work, 'desk.passwd'), 'utf8');
    expect(line).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+\n$/);
    expect(line).not.toContain(password);
  });

  it('sends a visitor without a session to the login form', async () => {
    const response = await fetch(serve.url, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/login');
  });

  it('signs in with the password, in an HttpOnly SameSite=Strict cookie', async () => {
    const response = await login(await loginForm(), password);
    expect(response.status).toBe(303);
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const page = await fetch(serve.url, { headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('审核人：王会计');
  });

  it('refuses a login posted without the form token', async () => {
    const form = await loginForm();
    const response = await login({ ...form, csrf: '' }, password);
    expect(response.status).toBe(403);
  });

  it('stops answering after five wrong passwords', async () => {
    const form = await loginForm();
    for (let i = 0; i < 5; i++) expect((await login(form, `wrong-${i}`)).status).toBe(403);
    const blocked = await login(form, password);
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toContain('登录失败次数过多');
  });
});
