/**
 * The scans of issue #14 for the CLI tests: the committed `npm start` two from fixtures/scans/, the
 * others made at test time into the cache (fixtures/build/scans/make-scan.ts), and the comparison of
 * a scan's report with its source's expected report, leaving out what the scan really hides.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cachedScan } from '../../../../fixtures/build/scans/make-scan.js';
import { committedScanNames, type ScanSpec, scanFileName } from '../../../../fixtures/build/scans/scan-specs.js';
import { repoRoot } from './cli.js';

/** The scan's file: the committed copy for the `npm start` two (the test reads what npm start reads), else the cache's. */
export async function scanPath(spec: ScanSpec): Promise<string> {
  const committed = join(repoRoot, 'fixtures', 'scans', scanFileName(spec));
  if ((committedScanNames as readonly string[]).includes(spec.name) && existsSync(committed)) return committed;
  return cachedScan(spec, repoRoot);
}

export function expectedReport(spec: ScanSpec): Record<string, unknown> {
  if (!spec.expected) throw new Error(`${spec.name} has no expected report`);
  return JSON.parse(readFileSync(join(repoRoot, spec.expected), 'utf8')) as Record<string, unknown>;
}

function valueAt(object: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | null)?.[key], object);
}

function withoutPaths(report: unknown, paths: readonly string[]): unknown {
  const copy = structuredClone(report) as Record<string, unknown>;
  for (const path of paths) {
    const keys = path.split('.');
    const parent = valueAt(copy, keys.slice(0, -1).join('.')) as Record<string, unknown> | undefined;
    if (parent && typeof parent === 'object') delete parent[keys.at(-1)!];
  }
  return copy;
}

/** The report with the spec's hidden paths removed, for a deep comparison with the expected one. */
export function comparable(spec: ScanSpec, report: unknown): unknown {
  return withoutPaths(report, spec.hidden);
}

/** Each hidden figure as the scan gave it: null (not read) or the true value, never another. */
export function hiddenValues(spec: ScanSpec, report: unknown): { path: string; value: unknown; truth: unknown }[] {
  const truth = expectedReport(spec);
  return spec.hidden.map((path) => ({ path, value: valueAt(report, path), truth: valueAt(truth, path) }));
}
