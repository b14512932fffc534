#!/usr/bin/env node
// Entry point of the `review-desk` command: runs the compiled CLI (built by `npm ci` via `prepare`).
import { main } from '../dist/pipeline/cli.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`review-desk: 内部错误：${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  },
);
