/**
 * The desk's web application (hono): server-rendered Chinese pages from the store, the reviewer's
 * decisions, uploads through the desk's intake, downloads of what the store knows (originals by
 * sha256, memos, the summary), page images and live updates. Nothing from a request is ever joined
 * into a file path: a request names a sha256 or a package key, and the store gives the file.
 */
import type { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie } from 'hono/cookie';
import { streamSSE } from 'hono/streaming';
import { renderBatchPage } from '../../reports/desk/batch-page.js';
import { renderDocumentPage } from '../../reports/desk/document-page.js';
import { renderLoginPage, renderMessagePage } from '../../reports/desk/login-page.js';
import { renderUnitPage } from '../../reports/desk/unit-page.js';
import type { Db } from '../desk/database.js';
import { type DecisionKind, recordDecision } from '../desk/decisions.js';
import { memoPaths } from '../desk/memo-files.js';
import { summaryXlsxName } from '../desk/outputs.js';
import type { Submission, SubmissionStore } from '../desk/store.js';
import { storeMailStates } from '../mail/mail-step.js';
import { type DeskPackage, DeskView, packageHref } from './desk-view.js';
import type { OcrFrame } from './page-image-protocol.js';
import type { PageImages } from './page-images.js';
import type { PasswordCheck } from './password.js';
import { csrfMatches, LoginLimiter, type Session, Sessions, sessionCookie } from './sessions.js';

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

export interface DeskServerOptions {
  readonly outDir: string;
  readonly db: Db;
  readonly store: SubmissionStore;
  readonly pageImages: PageImages;
  /** Null: anyone who reaches the desk may use it (it listens on this computer only). */
  readonly password: PasswordCheck | null;
  /** Emits 'changed' when the store has new or superseded submissions or decisions. */
  readonly events: EventEmitter;
  /** Whether uploads go to the watched inbox. */
  readonly inbox: boolean;
  /** Takes uploaded files in (through the desk's intake); resolves with a Chinese line for the reviewer. */
  readonly upload: (files: readonly UploadedFile[]) => Promise<string>;
  /** Writes the memo, summary and outputs again after a decision. */
  readonly afterDecision: (submission: Submission) => Promise<void>;
  /** Sends a package's mail again; resolves with a Chinese line. */
  readonly resendMail: (submissions: readonly Submission[]) => Promise<string>;
  /** The document model of an archived original, for drawing a non-PDF document as HTML. */
  readonly readModel: (
    submission: Submission,
  ) => Promise<import('../../extractors/model/document-model.js').DocumentModel>;
  /** For a PDF page or a picture read by OCR, the frame its boxes stand in (the store's OCR record); none for a text page. */
  readonly ocrFrame?: (sha256: string, page: number) => Promise<OcrFrame | undefined>;
  readonly maxUploadBytes: number;
  readonly reviewerName: string;
  /** Where an unexpected error of a request is logged (the reviewer sees a Chinese page). */
  readonly logError?: (error: unknown) => void;
}

type Env = { Variables: { session: Session | null } };

const sha256Pattern = /^[0-9a-f]{64}$/;
const assetTypes: Record<string, string> = {
  'desk.js': 'text/javascript; charset=utf-8',
  'desk.css': 'text/css; charset=utf-8',
  'document.css': 'text/css; charset=utf-8',
};

/** The assets folder beside this module's source (also when running the compiled copy in dist/). */
async function loadAssets(): Promise<Map<string, Buffer>> {
  let folder = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(folder, 'assets')];
  // dist/pipeline/serve → pipeline/serve/assets
  folder = join(folder, '..', '..', '..', 'pipeline', 'serve', 'assets');
  candidates.push(folder);
  for (const candidate of candidates) {
    try {
      const entries = await Promise.all(
        Object.keys(assetTypes).map(async (name) => [name, await readFile(join(candidate, name))] as const),
      );
      return new Map(entries);
    } catch {}
  }
  throw new Error('desk assets not found');
}

const securityHeaders: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
};

export async function createDeskApp(options: DeskServerOptions): Promise<Hono<Env>> {
  const assets = await loadAssets();
  const sessions = new Sessions();
  const limiter = new LoginLimiter();
  const view = new DeskView(options.store, options.db);
  const documentPages = new Map<string, string>();
  const app = new Hono<Env>();

  const setSessionCookie = (c: Context<Env>, session: Session): void => {
    setCookie(c, sessionCookie, session.id, { httpOnly: true, sameSite: 'Strict', path: '/' });
  };
  const messagePage = (c: Context<Env>, status: 400 | 403 | 404 | 429 | 500, title: string, message: string) =>
    c.html(renderMessagePage({ title, message, csrf: c.get('session')?.csrf ?? null }), status);
  const notFound = (c: Context<Env>) => messagePage(c, 404, '找不到页面', '没有这个页面或文件。');

  app.use('*', async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(securityHeaders)) {
      if (!c.res.headers.has(name)) c.res.headers.set(name, value);
    }
  });

  app.get('/assets/:name', (c) => {
    const name = c.req.param('name');
    const body = assets.get(name);
    if (!body) return notFound(c);
    return c.body(new Uint8Array(body), 200, { 'content-type': assetTypes[name]!, 'cache-control': 'max-age=3600' });
  });

  // Sessions, login and CSRF for everything else.
  app.use('*', async (c, next) => {
    let session = sessions.get(getCookie(c, sessionCookie));
    const loginPath = c.req.path === '/login';
    if (!session) {
      if (options.password && !loginPath) {
        if (c.req.method === 'GET') return c.redirect('/login', 303);
        c.set('session', null);
        return messagePage(c, 403, '请先登录', '登录已过期或尚未登录，请重新登录后再操作。');
      }
      session = sessions.create(options.password ? '' : options.reviewerName, !options.password);
      setSessionCookie(c, session);
    }
    c.set('session', session);
    if (options.password && !session.signedIn && !loginPath) {
      if (c.req.method === 'GET') return c.redirect('/login', 303);
      return messagePage(c, 403, '请先登录', '登录已过期或尚未登录，请重新登录后再操作。');
    }
    if (c.req.method === 'POST') {
      let given = c.req.header('x-csrf-token');
      if (!given) {
        const type = c.req.header('content-type') ?? '';
        if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
          const body = await c.req.parseBody();
          given = typeof body.csrf === 'string' ? body.csrf : undefined;
        }
      }
      if (!csrfMatches(session, given)) {
        return messagePage(c, 403, '请求被拒绝', '表单已过期或来源不明（缺少校验码），请刷新页面后重试。');
      }
    }
    await next();
  });

  app.get('/login', (c) => {
    if (!options.password) return c.redirect('/', 303);
    return c.html(renderLoginPage({ csrf: c.get('session')!.csrf, error: null }));
  });

  app.post('/login', async (c) => {
    if (!options.password) return c.redirect('/', 303);
    const address = clientAddress(c);
    const session = c.get('session')!;
    if (limiter.blocked(address)) {
      return c.html(renderLoginPage({ csrf: session.csrf, error: '登录失败次数过多，请15分钟后再试。' }), 429);
    }
    const body = await c.req.parseBody();
    const reviewer = typeof body.reviewer === 'string' ? body.reviewer.trim().slice(0, 50) : '';
    const password = typeof body.password === 'string' ? body.password : '';
    if (reviewer === '' || !(await options.password(password))) {
      limiter.failed(address);
      return c.html(renderLoginPage({ csrf: session.csrf, error: '姓名或密码不正确。' }), 403);
    }
    limiter.succeeded(address);
    sessions.end(session.id);
    const signedIn = sessions.create(reviewer, true);
    setSessionCookie(c, signedIn);
    return c.redirect('/', 303);
  });

  app.post('/logout', (c) => {
    const session = c.get('session');
    if (session) sessions.end(session.id);
    setCookie(c, sessionCookie, '', { httpOnly: true, sameSite: 'Strict', path: '/', maxAge: 0 });
    return c.redirect(options.password ? '/login' : '/', 303);
  });

  const signedInAs = (c: Context<Env>): string | null =>
    options.password ? (c.get('session')?.reviewer ?? null) : null;

  app.get('/', (c) => {
    const { packages, rules } = view.batch(storeMailStates(options.db));
    return c.html(
      renderBatchPage({
        packages,
        rules,
        csrf: c.get('session')!.csrf,
        signedInAs: signedInAs(c),
        inbox: options.inbox,
      }),
    );
  });

  /**
   * The package memo's name (no extension) for a unit page's key: the store gives the unit and year, the
   * desk wrote the file; nothing from the request reaches the path. Null when no package memo exists.
   */
  const packageMemoOf = (entry: DeskPackage): string | null =>
    view.packageMemoBases(entry).find((base) => existsSync(join(options.outDir, memoPaths(base).html))) ?? null;
  const packageMemoHref = (entry: DeskPackage, kind: 'html' | 'docx'): string =>
    `/files/package-memos/${encodeURIComponent(entry.key)}.${kind}`;

  app.get('/units/:key', (c) => {
    const entry = view.package(c.req.param('key'));
    if (!entry) return notFound(c);
    const packageMemo = packageMemoOf(entry);
    return c.html(
      renderUnitPage({
        unit: entry.unit,
        year: entry.year,
        csrf: c.get('session')!.csrf,
        signedInAs: signedInAs(c),
        mailAction: `${packageHref(entry.key)}/mail`,
        packageMemo: packageMemo
          ? { html: packageMemoHref(entry, 'html'), docx: packageMemoHref(entry, 'docx') }
          : null,
        documents: view.documents(entry),
      }),
    );
  });

  app.post('/units/:key/mail', async (c) => {
    const entry = view.package(c.req.param('key'));
    if (!entry) return notFound(c);
    const line = await options.resendMail(entry.current);
    return c.html(
      renderMessagePage({ title: '重新发送邮件', message: line, csrf: c.get('session')!.csrf }).replace(
        '返回批次总览</a>',
        `返回批次总览</a> · <a href="${packageHref(entry.key)}">返回本单位</a>`,
      ),
    );
  });

  app.post('/decisions', async (c) => {
    const body = await c.req.parseBody();
    const sha256 = typeof body.sha256 === 'string' ? body.sha256 : '';
    const finding = typeof body.finding === 'string' ? body.finding : '';
    const decision =
      body.decision === 'confirmed' || body.decision === 'dismissed' ? (body.decision as DecisionKind) : null;
    const reason = typeof body.reason === 'string' ? body.reason.trim().slice(0, 500) : '';
    const submission = sha256Pattern.test(sha256) ? options.store.get(sha256) : null;
    const result = submission ? options.store.resultOf(submission) : null;
    if (!submission || !result) return notFound(c);
    if (!decision) return messagePage(c, 400, '未保存', '请选择「确认」或「不采纳」。');
    if (decision === 'dismissed' && reason === '') return messagePage(c, 400, '未保存', '不采纳时必须填写理由。');
    try {
      recordDecision(options.db, {
        result,
        findingKey: finding,
        decision,
        reason,
        reviewer: c.get('session')!.reviewer || options.reviewerName,
        at: new Date(),
      });
    } catch {
      return notFound(c);
    }
    await options.afterDecision(submission);
    options.events.emit('changed');
    const entry = view
      .packages()
      .find((candidate) => [...candidate.current, ...candidate.earlier].some((s) => s.sha256 === sha256));
    return c.redirect(`${entry ? packageHref(entry.key) : '/'}#finding-${finding}`, 303);
  });

  app.post(
    '/upload',
    bodyLimit({
      maxSize: options.maxUploadBytes,
      onError: (c) => c.json({ message: '文件过大，未上传。' }, 413),
    }),
    async (c) => {
      const body = await c.req.parseBody({ all: true });
      const given = body.files;
      const list = (Array.isArray(given) ? given : given === undefined ? [] : [given]).filter(
        (item): item is File => typeof item !== 'string',
      );
      if (list.length === 0) return c.json({ message: '没有收到文件。' }, 400);
      const files = await Promise.all(
        list.map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })),
      );
      const message = await options.upload(files);
      options.events.emit('changed');
      return c.json({ message });
    },
  );

  app.get('/events', (c) =>
    streamSSE(c, async (stream) => {
      const onChange = (): void => {
        void stream.writeSSE({ event: 'changed', data: new Date().toISOString() }).catch(() => {});
      };
      options.events.on('changed', onChange);
      stream.onAbort(() => {
        options.events.off('changed', onChange);
      });
      await stream.writeSSE({ event: 'ready', data: 'ok' });
      while (!stream.aborted && !stream.closed) {
        await stream.sleep(20_000);
        await stream.write(': keep-alive\n\n').catch(() => {});
      }
      options.events.off('changed', onChange);
    }),
  );

  const known = (sha256: string): Submission | null => (sha256Pattern.test(sha256) ? options.store.get(sha256) : null);

  app.get('/files/originals/:sha256', async (c) => {
    const submission = known(c.req.param('sha256'));
    if (!submission) return notFound(c);
    const bytes = await readFile(join(options.outDir, submission.archivePath)).catch(() => null);
    if (!bytes) return notFound(c);
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': submission.format === 'pdf' ? 'application/pdf' : 'application/octet-stream',
      'content-disposition': attachment(submission.fileName),
    });
  });

  /** A memo the desk wrote (`base` from the store, never from the request), inline as HTML or as a DOCX download. */
  const memoFile = async (c: Context<Env>, base: string, kind: 'html' | 'docx'): Promise<Response> => {
    const bytes = await readFile(join(options.outDir, memoPaths(base)[kind])).catch(() => null);
    if (!bytes) return notFound(c);
    return c.body(new Uint8Array(bytes), 200, {
      'content-type':
        kind === 'html'
          ? 'text/html; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'content-disposition': kind === 'html' ? 'inline' : attachment(`${base}.docx`),
    });
  };

  app.get('/files/memos/:name', async (c) => {
    const match = /^([0-9a-f]{64})\.(html|docx)$/.exec(c.req.param('name'));
    const submission = match ? known(match[1]!) : null;
    if (!match || !submission?.memoBase) return notFound(c);
    return memoFile(c, submission.memoBase, match[2] as 'html' | 'docx');
  });

  app.get('/files/package-memos/:name', async (c) => {
    const match = /^(.+)\.(html|docx)$/.exec(c.req.param('name'));
    const entry = match ? view.package(match[1]!) : null;
    const base = entry ? packageMemoOf(entry) : null;
    if (!match || !base) return notFound(c);
    return memoFile(c, base, match[2] as 'html' | 'docx');
  });

  app.get('/files/summary.xlsx', async (c) => {
    const bytes = await readFile(join(options.outDir, summaryXlsxName)).catch(() => null);
    if (!bytes) return messagePage(c, 404, '没有汇总表', '输出文件夹中还没有汇总表。');
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': attachment('汇总表.xlsx'),
    });
  });

  app.get('/documents/:name', async (c) => {
    const match = /^([0-9a-f]{64})\.html$/.exec(c.req.param('name'));
    const submission = match ? known(match[1]!) : null;
    if (submission?.status !== 'checked' || submission.format === 'pdf') return notFound(c);
    let page = documentPages.get(submission.sha256);
    if (!page) {
      page = renderDocumentPage(await options.readModel(submission), submission.fileName);
      if (documentPages.size > 50) documentPages.delete(documentPages.keys().next().value!);
      documentPages.set(submission.sha256, page);
    }
    return c.html(page);
  });

  app.get('/pages/:sha256/:page', async (c) => {
    const submission = known(c.req.param('sha256'));
    const match = /^([1-9][0-9]{0,4})\.png$/.exec(c.req.param('page'));
    const picture = submission?.format === 'jpeg' || submission?.format === 'png';
    if (!submission || !match || (submission.format !== 'pdf' && !picture)) return notFound(c);
    const page = Number(match[1]);
    // A photo or picture is one page, drawn as its OCR read it, like a scanned PDF page.
    if (picture && page !== 1) return notFound(c);
    try {
      const frame = await options.ocrFrame?.(submission.sha256, page);
      const archived = join(options.outDir, submission.archivePath);
      const png = picture
        ? await options.pageImages.picture(submission.sha256, archived, frame)
        : await options.pageImages.get(submission.sha256, archived, page, frame);
      return c.body(new Uint8Array(png), 200, { 'content-type': 'image/png', 'cache-control': 'max-age=86400' });
    } catch {
      return notFound(c);
    }
  });

  app.notFound((c) => notFound(c));
  app.onError((error, c) => {
    options.logError?.(error);
    return messagePage(c, 500, '出错了', '审核台处理这个请求时出错，详情已写入日志。');
  });
  return app;
}

function attachment(name: string): string {
  return `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function clientAddress(c: Context<Env>): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}
