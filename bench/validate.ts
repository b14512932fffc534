/**
 * Is a benchmark run's answer right? Reads what `review-desk check --out DIR` left: the store's view
 * of every submission (`review-desk status --out DIR --json`: checked, rejected, superseded) and the
 * findings of the current ones (DIR/results.json, which lists superseded submissions too, marked
 * `superseded: true`), so that speed is never reported for a run that got its answers wrong.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Validation {
  readonly label: string;
  /** Files in the set. */
  readonly expected: number;
  /** Submissions the store knows. */
  readonly files: number;
  readonly checked: number;
  /** Checked, then superseded by a later file for the same unit and year (a resubmission). */
  readonly superseded: number;
  readonly rejected: number;
  readonly rejectedCodes: Readonly<Record<string, number>>;
  /** The most common list of rule ids among the current (non-superseded) results, and how many had exactly it. */
  readonly commonFindings: string;
  readonly sameAsCommon: number;
  /** Checked results in results.json that no later file superseded. */
  readonly current: number;
  /** Results in results.json marked superseded; should equal `superseded` (absent in figures saved before). */
  readonly supersededResults?: number;
  readonly note: string | null;
}

interface StatusLike {
  submissions: { state: string; errorCode: string | null }[];
}

interface CheckOutputLike {
  results: { status: string; superseded?: boolean; findings: { ruleId: string }[] }[];
}

export function validateRun(label: string, expected: number, outDir: string, cli: string, cwd: string): Validation {
  const notes: string[] = [];
  let submissions: StatusLike['submissions'] = [];
  const status = spawnSync(process.execPath, [cli, 'status', '--out', outDir, '--json'], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  try {
    submissions = (JSON.parse(status.stdout) as StatusLike).submissions;
  } catch {
    notes.push(`review-desk status gave no JSON (exit ${status.status})`);
  }
  const count = (state: string) => submissions.filter((submission) => submission.state === state).length;
  const rejectedCodes: Record<string, number> = {};
  for (const submission of submissions.filter((candidate) => candidate.state === 'rejected')) {
    const code = submission.errorCode ?? 'unknown';
    rejectedCodes[code] = (rejectedCodes[code] ?? 0) + 1;
  }
  const signatures = new Map<string, number>();
  let current = 0;
  let supersededResults = 0;
  try {
    const output = JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as CheckOutputLike;
    // A superseded result is history (the unit sent a later file): it is counted, not compared.
    supersededResults = output.results.filter((candidate) => candidate.superseded === true).length;
    const currentChecked = output.results.filter(
      (candidate) => candidate.status === 'checked' && candidate.superseded !== true,
    );
    for (const result of currentChecked) {
      current++;
      const signature = result.findings
        .map((finding) => finding.ruleId)
        .sort()
        .join(', ');
      signatures.set(signature, (signatures.get(signature) ?? 0) + 1);
    }
  } catch (error) {
    notes.push(`no readable results.json (${error instanceof Error ? error.message : String(error)})`);
  }
  const [commonFindings, sameAsCommon] = [...signatures.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  if (submissions.length !== expected) notes.push(`the store holds ${submissions.length} of ${expected} files`);
  if (supersededResults !== count('superseded')) {
    notes.push(`results.json marks ${supersededResults} superseded, the store ${count('superseded')}`);
  }
  return {
    label,
    expected,
    files: submissions.length,
    checked: count('checked'),
    superseded: count('superseded'),
    rejected: count('rejected'),
    rejectedCodes,
    commonFindings,
    sameAsCommon,
    current,
    supersededResults,
    note: notes.length > 0 ? notes.join('; ') : null,
  };
}
