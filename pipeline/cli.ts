/** The `review-desk` command line. */
// STUB (owned by the pipeline work): replaced by the commander-based CLI.
export async function main(argv: string[]): Promise<number> {
  process.stderr.write(`review-desk: 尚未实现 ${argv.join(' ')}\n`);
  return 2;
}
