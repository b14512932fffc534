/**
 * `review-desk passwd FILE`: reads the desk's password from standard input (typed without echo on a
 * terminal, else the first line of what is piped in) and writes its scrypt hash to FILE.
 */
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { writePasswordFile } from '../serve/password.js';
import type { CliIo } from './cli-io.js';
import { UsageError } from './cli-io.js';

async function readPassword(io: CliIo): Promise<string> {
  const input = process.stdin;
  if (input.isTTY) {
    io.stderr.write('请输入审核台密码（输入时不显示）：');
    input.setRawMode(true);
    return new Promise((resolvePassword) => {
      let typed = '';
      const onData = (chunk: Buffer): void => {
        for (const character of chunk.toString('utf8')) {
          if (character === '\r' || character === '\n' || character === '\u0004') {
            input.setRawMode(false);
            input.off('data', onData);
            input.pause();
            io.stderr.write('\n');
            resolvePassword(typed);
            return;
          }
          if (character === '\u0003') process.exit(130);
          if (character === '\u007f') typed = typed.slice(0, -1);
          else typed += character;
        }
      };
      input.on('data', onData);
      input.resume();
    });
  }
  const lines = createInterface({ input });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

export async function runPasswdCommand(file: string, io: CliIo): Promise<number> {
  const password = await readPassword(io);
  if (password === '') throw new UsageError('没有读到密码');
  await writePasswordFile(resolve(io.cwd, file), password);
  io.stderr.write(`已写入密码文件：${file}（启动审核台时加上 --password-file ${file}）\n`);
  return 0;
}
