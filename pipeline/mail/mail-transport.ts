/**
 * Where mail goes: an SMTP server when SMTP_URL is set (a nodemailer connection URL; credentials only
 * from the environment), otherwise `DIR/outbox/` as one RFC 822 .eml file per message, so the tool can
 * be tried without a mail server and the bureau can send the files from its own mail client.
 */
import path from 'node:path';
import { createTransport } from 'nodemailer';
import type { ComposedMail } from '../../reports/mail-message.js';
import { writeFileAtomic } from '../support/atomic-write.js';
import { UserError } from '../support/user-error.js';

/** Mail cannot be set up at all (bad contact list, bad SMTP_URL): nothing is sent; the CLI exits 2. */
export class MailSetupError extends UserError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MailSetupError';
  }
}

/** A message that could not be handed over; `permanent` when retrying cannot help (recipient refused). */
export class SendError extends Error {
  readonly permanent: boolean;

  constructor(message: string, permanent: boolean, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SendError';
    this.permanent = permanent;
  }
}

export interface OutgoingMail extends ComposedMail {
  from: string | { name: string; address: string };
  /** `<…@…>`, recorded in the store before sending, so a retry reuses it. */
  messageId: string;
  date: Date;
}

export interface SentMail {
  messageId: string;
  /** Path of the .eml file for the outbox transport, null for SMTP. */
  outboxFile: string | null;
}

export interface MailTransport {
  readonly kind: 'smtp' | 'outbox';
  /** For logs, without credentials: 「SMTP服务器 smtp://mail.example.cn:25」 or 「发件箱 out/outbox」. */
  readonly description: string;
  /** `fileStem` names the outbox file; the same stem overwrites, so a retried message is one file. */
  send(mail: OutgoingMail, fileStem: string): Promise<SentMail>;
  close(): void;
}

export const outboxFolderName = 'outbox';

/** The connection URL without user and password, for logs. */
function redactedUrl(url: URL): string {
  return `${url.protocol}//${url.hostname}${url.port ? `:${url.port}` : ''}`;
}

function parseSmtpUrl(smtpUrl: string): URL {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch (error) {
    throw new MailSetupError('环境变量 SMTP_URL 不是有效的地址，应形如 smtp://用户名:密码@邮件服务器:25', {
      cause: error,
    });
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new MailSetupError(`环境变量 SMTP_URL 应以 smtp:// 或 smtps:// 开头，实际为 ${url.protocol}//`);
  }
  return url;
}

function chineseSendError(error: unknown): SendError {
  const { code, responseCode, response, message } = error as {
    code?: string;
    responseCode?: number;
    response?: string;
    message?: string;
  };
  const detail = response ?? message ?? String(error);
  switch (code) {
    case 'ECONNECTION':
    case 'ESOCKET':
    case 'ETIMEDOUT':
    case 'EDNS':
    case 'ECONNREFUSED':
      return new SendError(`无法连接邮件服务器（${detail}）`, false, { cause: error });
    case 'EAUTH':
      return new SendError(`邮件服务器登录失败，请检查 SMTP_URL 中的用户名和密码（${detail}）`, false, {
        cause: error,
      });
    case 'EENVELOPE':
      return new SendError(`邮件服务器拒绝了收件地址（${detail}）`, responseCode !== undefined && responseCode >= 500, {
        cause: error,
      });
    default:
      return new SendError(`发送失败（${detail}）`, false, { cause: error });
  }
}

function smtpTransport(smtpUrl: string, budgetMs = Number.POSITIVE_INFINITY): MailTransport {
  const url = parseSmtpUrl(smtpUrl);
  const transporter = createTransport({
    url: smtpUrl,
    connectionTimeout: Math.min(20_000, budgetMs),
    greetingTimeout: Math.min(20_000, budgetMs),
    socketTimeout: Math.min(60_000, budgetMs),
  });
  return {
    kind: 'smtp',
    description: `SMTP服务器 ${redactedUrl(url)}`,
    async send(mail) {
      try {
        const info = await transporter.sendMail(mail);
        return { messageId: info.messageId || mail.messageId, outboxFile: null };
      } catch (error) {
        throw chineseSendError(error);
      }
    },
    close() {
      transporter.close();
    },
  };
}

function outboxTransport(outDir: string): MailTransport {
  const folder = path.join(outDir, outboxFolderName);
  // streamTransport builds the exact message SMTP would carry; CRLF as RFC 5322 requires.
  const transporter = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    kind: 'outbox',
    description: `发件箱 ${folder}`,
    async send(mail, fileStem) {
      let message: Buffer;
      let messageId: string;
      try {
        const info = await transporter.sendMail(mail);
        message = info.message as Buffer;
        messageId = info.messageId || mail.messageId;
      } catch (error) {
        throw new SendError(`无法生成邮件（${(error as Error).message}）`, false, { cause: error });
      }
      const file = path.join(folder, `${fileStem}.eml`);
      try {
        await writeFileAtomic(file, message);
      } catch (error) {
        throw new SendError(`无法写入发件箱 ${folder}（${(error as Error).message}）`, false, { cause: error });
      }
      return { messageId, outboxFile: file };
    },
    close() {
      transporter.close();
    },
  };
}

/** SMTP when `smtpUrl` is a non-empty URL, the outbox otherwise. */
export function createMailTransport(options: {
  outDir: string;
  smtpUrl?: string | null;
  /** The run's time budget: no single wait on the server is longer. */
  budgetMs?: number;
}): MailTransport {
  const smtpUrl = options.smtpUrl?.trim();
  return smtpUrl ? smtpTransport(smtpUrl, options.budgetMs) : outboxTransport(options.outDir);
}

/** SMTP_BUDGET_SECONDS: the most time one mail run spends on the SMTP server; the rest stay pending. @default 600 */
export function smtpBudgetMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.SMTP_BUDGET_SECONDS);
  if (!env.SMTP_BUDGET_SECONDS?.trim()) return 600_000;
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 2_147_483) {
    throw new MailSetupError(
      `环境变量 SMTP_BUDGET_SECONDS 的值 ${env.SMTP_BUDGET_SECONDS} 无效，应为不超过 2147483 的正数（秒）`,
    );
  }
  return Math.round(seconds * 1000);
}

/** The sender: MAIL_FROM, else the SMTP login when it is an address, else a local placeholder. */
export function senderAddress(
  smtpUrl: string | null | undefined,
  mailFrom = process.env.MAIL_FROM,
): OutgoingMail['from'] {
  const name = '县财政局绩效审核';
  if (mailFrom?.trim()) return { name, address: mailFrom.trim() };
  if (smtpUrl?.trim()) {
    try {
      const user = decodeURIComponent(new URL(smtpUrl).username);
      if (/^[^@\s]+@[^@\s]+$/.test(user)) return { name, address: user };
    } catch {
      // An unreadable URL is reported by createMailTransport.
    }
  }
  return { name, address: 'review-desk@localhost' };
}
