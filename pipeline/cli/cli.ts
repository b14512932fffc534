/**
 * The `review-desk` command line (commander): check, watch, status, rules, mail. `main` returns the
 * exit code instead of exiting, so that stdout is fully flushed (bin/review-desk.js sets
 * process.exitCode). Every message for the user is Chinese, including commander's own usage errors.
 * Each command's module is loaded only when that command runs: the heavy libraries (exceljs, docx,
 * nodemailer) would otherwise cost every invocation a second of start-up.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { describeInternalError, logTechnical, wantsDetails } from '../support/internal-error.js';
import { asUserError } from '../support/user-error.js';
import { type CliIo, processIo } from './cli-io.js';

const helpTitles: Record<string, string> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Arguments:': '参数：',
  'Commands:': '命令：',
  'Global Options:': '全局选项：',
};

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed) || parsed < 1) {
    throw new InvalidArgumentError('应为正整数');
  }
  return parsed;
}

/** Commander's messages are English; the bureau's staff get them in Chinese. */
export function translateCommanderError(error: CommanderError): string {
  const quoted = /'([^']*)'/.exec(error.message)?.[1] ?? '';
  switch (error.code) {
    case 'commander.unknownOption':
      return `未知选项：${quoted}`;
    case 'commander.unknownCommand':
      return `未知命令：${quoted}（可用命令：check、watch、status、rules、mail、serve、passwd）`;
    case 'commander.missingArgument':
      return quoted === 'paths' ? '请指定要审核的文件或文件夹' : `缺少参数：${quoted}`;
    case 'commander.optionMissingArgument':
      return `选项 ${quoted} 缺少取值`;
    case 'commander.missingMandatoryOptionValue':
      return `缺少必需的选项：${quoted}`;
    case 'commander.excessArguments':
      return '参数过多';
    case 'commander.invalidArgument': {
      const reason = error.message.split('is invalid.')[1]?.trim() ?? '';
      return `选项 ${quoted} 的取值无效${reason ? `：${reason}` : ''}`;
    }
    case 'commander.conflictingOption':
      return `选项冲突：${error.message}`;
    default:
      return error.message.replace(/^error: /, '');
  }
}

function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command('review-desk');
  program
    .description('审核乡镇和部门报送的「部门整体绩效自评报告」（DOCX/PDF）：提取数据、交叉核对、生成审核意见')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [command]', '显示某个命令的帮助')
    .configureHelp({ styleTitle: (title) => helpTitles[title] ?? title })
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Usage errors are printed by main, translated.
      outputError: () => {},
    })
    .option('--verbose', '出错时显示技术详情（供技术人员排查）')
    .exitOverride()
    .showSuggestionAfterError(false);

  program
    .command('check')
    .description('审核文件或文件夹（含子文件夹）中的报送文件；不会移动或修改这些文件')
    .argument('<paths...>', '报送文件或文件夹')
    .option('--json', '在标准输出打印 JSON 结果（进度写到标准错误）')
    .option('--out <dir>', '输出文件夹：存档、审核意见、汇总表、results.json')
    .option('--config <file>', '配置文件（默认为当前文件夹中的 review-desk.config.json）')
    .option('--mail', '向各单位发送问题清单（需要 --out 和 --contacts）')
    .option('--contacts <file>', '联系人文件（CSV：unit,email,cc）')
    .option('--jobs <n>', '同时处理的文件数（默认为 CPU 核数）', positiveInteger)
    .option('--exit-zero', '只要审核本身顺利完成就以 0 退出（即使有退回或错误），例如用于 npm start')
    .action(async (paths: string[], options) => {
      const { runCheckCommand } = await import('./command-check.js');
      setExitCode(await runCheckCommand(paths, options, io));
    });

  program
    .command('watch')
    .description('监视收件文件夹：处理已有和新到的文件，处理后移入 processed/ 或 rejected/；按 Ctrl+C 结束')
    .argument('<inbox>', '收件文件夹')
    .requiredOption('--out <dir>', '输出文件夹')
    .option('--config <file>', '配置文件')
    .option('--mail', '向各单位发送问题清单（需要 --contacts）')
    .option('--contacts <file>', '联系人文件（CSV：unit,email,cc）')
    .option('--jobs <n>', '同时处理的文件数（默认为 CPU 核数）', positiveInteger)
    .addOption(
      new Option('--stability-ms <ms>', '文件保持不变多久才视为写完（毫秒）').argParser(positiveInteger).hideHelp(),
    )
    .action(async (inbox: string, options) => {
      const { runWatchCommand } = await import('./command-watch.js');
      setExitCode(await runWatchCommand(inbox, options, io));
    });

  program
    .command('status')
    .description('列出输出文件夹中记录的全部报送及其状态')
    .requiredOption('--out <dir>', '输出文件夹')
    .option('--json', '打印 JSON')
    .action(async (options) => {
      const { runStatusCommand } = await import('./command-status.js');
      setExitCode(await runStatusCommand(options, io));
    });

  program
    .command('rules')
    .description('列出审核规则（编号、默认级别、说明）')
    .option('--json', '打印 JSON')
    .action(async (options) => {
      const { runRulesCommand } = await import('./command-rules.js');
      setExitCode(await runRulesCommand(options, io));
    });

  program
    .command('mail')
    .description('按 results.json 向各单位发送问题清单（同一结果不会重复发送）')
    .requiredOption('--out <dir>', '输出文件夹（含 results.json）')
    .requiredOption('--contacts <file>', '联系人文件（CSV：unit,email,cc）')
    .option('--force', '即使已发送过也重新发送')
    .option('--dry-run', '只列出将要发送的邮件，不发送也不记录')
    .option('--json', '打印 JSON 格式的发送报告')
    .action(async (options) => {
      const { runMailCommand } = await import('./command-mail.js');
      setExitCode(await runMailCommand(options, io));
    });

  program
    .command('serve')
    .description('在浏览器中打开审核台：逐项查看问题和原件位置、确认或不采纳、上传文件、重发邮件')
    .requiredOption('--out <dir>', '输出文件夹（与 check、watch 相同）')
    .option('--inbox <dir>', '同时监视这个收件文件夹（同 watch）')
    .option('--port <n>', '端口（默认 8370）', (value) => (value === '0' ? 0 : positiveInteger(value)))
    .option('--host <address>', '监听地址（默认 127.0.0.1，仅本机可访问）')
    .option('--password-file <file>', '密码文件（由 review-desk passwd 生成）；监听本机以外的地址时必须提供')
    .option('--contacts <file>', '联系人文件（CSV：unit,email,cc），用于重新发送邮件')
    .option('--config <file>', '配置文件')
    .option('--jobs <n>', '同时处理的文件数（默认为 CPU 核数）', positiveInteger)
    .action(async (options) => {
      const { runServeCommand } = await import('./command-serve.js');
      setExitCode(await runServeCommand(options, io));
    });

  program
    .command('passwd')
    .description('设置审核台的登录密码：从标准输入读取密码，把 scrypt 散列写入密码文件')
    .argument('<file>', '密码文件')
    .action(async (file: string) => {
      const { runPasswdCommand } = await import('./command-passwd.js');
      setExitCode(await runPasswdCommand(file, io));
    });

  return program;
}

export async function main(argv: string[], given: CliIo = processIo()): Promise<number> {
  const io: CliIo = { ...given, verbose: given.verbose ?? wantsDetails({ argv, cwd: given.cwd, env: process.env }) };
  let exitCode = 0;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      // Bare `review-desk` prints the help on stderr: a usage error.
      if (error.code === 'commander.help') return 2;
      io.stderr.write(`review-desk：${translateCommanderError(error)}\n（用 review-desk --help 查看用法）\n`);
      return 2;
    }
    const user = asUserError(error);
    if (user) {
      io.stderr.write(`review-desk：${user.message}\n`);
      // The details of a machine failure (which file, which system call) go to the log file.
      if (user.cause !== undefined) logTechnical(user, { argv, cwd: io.cwd, env: process.env });
      return user.exitCode;
    }
    io.stderr.write(describeInternalError(error, { argv, cwd: io.cwd, env: process.env }));
    return 2;
  }
}
