#!/usr/bin/env node
// Entry point of the `review-desk` command: runs the compiled CLI (built by `npm ci` via `prepare`).
// The exit code is set, never forced with process.exit(), so that JSON piped to stdout is flushed in full.
import { tuneV8 } from '../dist/pipeline/support/v8-tuning.js';

// Before any other module is loaded: V8's optimising compiler works only on code that stays hot.
tuneV8();
const { main } = await import('../dist/pipeline/cli/cli.js');

// A reader that stops early (`review-desk check --json … | head`) is not an error of the check.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    // main reports every error itself; this only catches a failure of that reporting. Finance staff
    // read a Chinese line; the stack is for a technician who asks for it.
    const details = process.argv.includes('--verbose') || process.env.DEBUG;
    const stack = error instanceof Error ? error.stack : String(error);
    process.stderr.write(
      details
        ? `review-desk：内部错误，本次运行未能完成。\n${stack}\n`
        : 'review-desk：内部错误，本次运行未能完成。加上 --verbose 重新运行可显示技术详情，请提供给技术人员。\n',
    );
    process.exitCode = 2;
  },
);
