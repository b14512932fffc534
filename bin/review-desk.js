#!/usr/bin/env node
// Entry point of the `review-desk` command: runs the compiled CLI (built by `npm ci` via `prepare`).
// The exit code is set, never forced with process.exit(), so that JSON piped to stdout is flushed in full.
import { main } from '../dist/pipeline/cli.js';

// A reader that stops early (`review-desk check --json … | head`) is not an error of the check.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`review-desk: 内部错误：${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  },
);
