/** A `review-desk serve` child process on a free port, with the URL it printed. */
import { CliProcess } from '../cli/support/cli.js';

export interface ServeProcess {
  process: CliProcess;
  url: string;
  stop: () => Promise<void>;
}

export async function startServe(
  args: readonly string[],
  cwd?: string,
  env?: NodeJS.ProcessEnv,
): Promise<ServeProcess> {
  const process = new CliProcess(['serve', '--port', '0', ...args], {
    ...(cwd ? { cwd } : {}),
    ...(env ? { env } : {}),
  });
  await process.waitForLine(/审核台已启动/, 60_000);
  const line = process.lines.find((candidate) => /审核台已启动/.test(candidate))!;
  const url = /(http:\/\/\S+?)\/?\s/.exec(`${line} `)![1]!;
  return {
    process,
    url,
    stop: async () => {
      process.child.kill('SIGTERM');
      await process.exited;
    },
  };
}
