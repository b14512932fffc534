/**
 * What the desk's pages show, read from the store: packages (a unit's current documents for one
 * year), each document's findings with the reviewer's decisions and the places of their evidence.
 * Results never change for a sha256, so what the batch page needs of each is kept in memory once read.
 */
import type { Evidence } from '../../extractors/model/report-schema.js';
import { unitKey } from '../../extractors/text/unit-key.js';
import type { PackageRow, PackageStatus } from '../../reports/desk/batch-page.js';
import { cellAnchor, paragraphAnchor } from '../../reports/desk/document-page.js';
import type { RuleCount } from '../../reports/desk/rule-chart.js';
import type { DecisionView, DocumentView, EvidencePlace, FindingView } from '../../reports/desk/unit-page.js';
import { evidenceQuote, ruleLabel } from '../../reports/evidence-text.js';
import { findingKey } from '../../reports/finding-key.js';
import { describeLocation, scoringTableIndex } from '../../reports/locations.js';
import { mailStateLabel, mostUrgentMailState, type SummaryMailState } from '../../reports/summary.js';
import type { Db } from '../desk/database.js';
import { type Decision, decisionLog } from '../desk/decisions.js';
import { memoPaths } from '../desk/memo-files.js';
import { packageMemoBase } from '../desk/package-step.js';
import type { ResultDigest } from '../desk/result-digest.js';
import type { Submission, SubmissionStore } from '../desk/store.js';
import { packageMailId } from '../mail/mail-store.js';

/** The resolution page images are drawn at (points → pixels × dpi/72). */
export const pageImageDpi = 110;

export interface DeskPackage {
  key: string;
  unit: string;
  year: number | null;
  current: Submission[];
  earlier: Submission[];
}

export function packageHref(key: string): string {
  return `/units/${encodeURIComponent(key)}`;
}

function packageKeyOf(submission: Submission): { key: string; unit: string } {
  if (submission.unit) return { key: `${unitKey(submission.unit)}~${submission.year ?? ''}`, unit: submission.unit };
  return { key: `file~${submission.sha256.slice(0, 16)}`, unit: submission.fileName };
}

export class DeskView {
  readonly #store: SubmissionStore;
  readonly #db: Db;
  readonly #digestCache = new Map<string, ResultDigest>();

  constructor(store: SubmissionStore, db: Db) {
    this.#store = store;
    this.#db = db;
  }

  /** Every package, current documents first; a package whose documents were all superseded does not occur. */
  packages(): DeskPackage[] {
    const byKey = new Map<string, DeskPackage>();
    for (const submission of this.#store.all()) {
      if (submission.status === null) continue;
      const { key, unit } = packageKeyOf(submission);
      let entry = byKey.get(key);
      if (!entry) {
        entry = { key, unit, year: submission.year, current: [], earlier: [] };
        byKey.set(key, entry);
      }
      (submission.supersededBy === null ? entry.current : entry.earlier).push(submission);
    }
    return [...byKey.values()]
      .filter((entry) => entry.current.length > 0)
      .sort((a, b) => a.unit.localeCompare(b.unit, 'zh-CN') || (a.year ?? 0) - (b.year ?? 0));
  }

  /** The digests of these submissions' results: kept in memory once read (a sha256's result never changes). */
  #digests(submissions: readonly Submission[]): Map<string, ResultDigest> {
    const missing = submissions
      .map((submission) => submission.sha256)
      .filter((sha256) => !this.#digestCache.has(sha256));
    for (const [sha256, digest] of this.#store.resultDigests(missing)) this.#digestCache.set(sha256, digest);
    return this.#digestCache;
  }

  /** The latest decision per finding key, for every unit and year at once (one query for the batch page). */
  #allCurrentDecisions(): Map<string, Map<string, Decision['decision']>> {
    const rows = this.#db
      .prepare(
        `SELECT unit_key, year, finding_key, decision FROM decisions WHERE id IN
           (SELECT MAX(id) FROM decisions GROUP BY unit_key, year, finding_key)`,
      )
      .all() as { unit_key: string; year: number | null; finding_key: string; decision: Decision['decision'] }[];
    const byPackage = new Map<string, Map<string, Decision['decision']>>();
    for (const row of rows) {
      const key = `${row.unit_key}~${row.year ?? ''}`;
      let decisions = byPackage.get(key);
      if (!decisions) {
        decisions = new Map();
        byPackage.set(key, decisions);
      }
      decisions.set(row.finding_key, row.decision);
    }
    return byPackage;
  }

  batch(mailStates: ReadonlyMap<string, SummaryMailState>): { packages: PackageRow[]; rules: RuleCount[] } {
    const decisions = this.#allCurrentDecisions();
    const rules = new Map<string, RuleCount>();
    const entries = this.packages();
    const digests = this.#digests(entries.flatMap((entry) => entry.current));
    const packages = entries.map((entry): PackageRow => {
      const row: PackageRow = {
        href: packageHref(entry.key),
        unit: entry.unit,
        year: entry.year,
        documents: entry.current.length,
        status: packageStatus(entry.current),
        score: null,
        errors: 0,
        warnings: 0,
        infos: 0,
        problems: 0,
        confirmed: 0,
        dismissed: 0,
        open: 0,
        mail: '',
        mailDetail: [],
      };
      const mail: SummaryMailState[] = [];
      for (const submission of entry.current) {
        const digest = digests.get(submission.sha256);
        row.score ??= digest?.score ?? null;
        row.problems += digest?.problems ?? 0;
        const decided = digest ? decisions.get(digest.decisionKey) : undefined;
        for (const finding of digest?.findings ?? []) {
          const decision = decided?.get(finding.key);
          if (decision === 'confirmed') row.confirmed++;
          else if (decision === 'dismissed') row.dismissed++;
          else row.open++;
          if (decision === 'dismissed') continue;
          if (finding.severity === 'error') row.errors++;
          else if (finding.severity === 'warning') row.warnings++;
          else row.infos++;
          let count = rules.get(finding.ruleId);
          if (!count) {
            count = { ruleId: finding.ruleId, title: finding.title, errors: 0, warnings: 0, infos: 0 };
            rules.set(finding.ruleId, count);
          }
          count[finding.severity === 'error' ? 'errors' : finding.severity === 'warning' ? 'warnings' : 'infos']++;
        }
        const state = mailStates.get(submission.sha256);
        if (state) mail.push(state);
      }
      // The package's own message (its findings across the documents, SPEC §8) counts as on the 汇总 sheet:
      // the cell shows the most urgent state, and what each message's is beneath when they differ.
      const packageState =
        entry.year === null ? undefined : mailStates.get(packageMailId({ ...entry, year: entry.year }));
      const urgent = mostUrgentMailState([...mail, packageState]);
      row.mail = urgent ? mailStateLabel[urgent] : '—';
      const documentLabels = [...new Set(mail.map((state) => mailStateLabel[state]))];
      if (packageState || documentLabels.length > 1) {
        row.mailDetail = [
          `文件：${documentLabels.join('、') || '—'}`,
          ...(packageState ? [`报送材料核对：${mailStateLabel[packageState]}`] : []),
        ];
      }
      return row;
    });
    return { packages, rules: [...rules.values()] };
  }

  package(key: string): DeskPackage | null {
    return this.packages().find((entry) => entry.key === key) ?? null;
  }

  /**
   * The names the package memo (报送材料核对, desk/package-step.ts) of this unit and year may have been
   * written under: one per spelling of the unit among its current checked documents. None without a
   * year or with fewer than two such documents (no package to compare).
   */
  packageMemoBases(entry: DeskPackage): string[] {
    const year = entry.year;
    const checked = entry.current.filter((submission) => submission.status === 'checked' && submission.unit);
    if (year === null || checked.length < 2) return [];
    return [...new Set(checked.map((submission) => packageMemoBase({ unit: submission.unit!, year })))];
  }

  documents(entry: DeskPackage): DocumentView[] {
    return [...entry.current, ...entry.earlier].map((submission) => this.document(submission));
  }

  document(submission: Submission): DocumentView {
    const result = this.#store.resultOf(submission);
    const log = result ? decisionLog(this.#db, result) : [];
    const scoringTable = result ? scoringTableIndex(result) : 0;
    const findings = (result?.findings ?? []).map((finding): FindingView => {
      const key = findingKey(finding);
      const history = log.filter((entry) => entry.findingKey === key).map((entry) => decisionView(entry, submission));
      return {
        key,
        severity: finding.severity,
        ruleId: finding.ruleId,
        title: ruleLabel(finding).replace(/（[^（]*）$/, ''),
        message: finding.message,
        evidence: finding.evidence.map((evidence) => ({
          label: evidence.label,
          value: evidence.value === null ? '—' : `${evidence.value}${evidence.unit ?? ''}`,
          quote: evidenceQuote(evidence),
          where: describeLocation(evidence.location, scoringTable),
          place: evidencePlace(submission, evidence),
        })),
        decision: history.at(-1) ?? null,
        history,
      };
    });
    const memo = submission.memoBase ? memoPaths(submission.memoBase) : null;
    return {
      sha256: submission.sha256,
      fileName: submission.fileName,
      format: submission.format ?? '未知格式',
      status: submission.status === 'rejected' ? '已退回' : '已审核',
      error: result?.error?.message ?? null,
      superseded: submission.supersededBy !== null,
      receivedAt: submission.receivedAt.replace('T', ' ').slice(0, 19),
      original: `/files/originals/${submission.sha256}`,
      memo: memo
        ? { html: `/files/memos/${submission.sha256}.html`, docx: `/files/memos/${submission.sha256}.docx` }
        : null,
      findings,
      problems: (result?.extraction?.problems ?? []).map((problem) => problem.message),
    };
  }
}

function packageStatus(current: readonly Submission[]): PackageStatus {
  const rejected = current.filter((submission) => submission.status === 'rejected').length;
  if (rejected === 0) return '已审核';
  return rejected === current.length ? '已退回' : '部分退回';
}

function decisionView(entry: Decision, submission: Submission): DecisionView {
  return {
    decision: entry.decision,
    reason: entry.reason,
    reviewer: entry.reviewer,
    at: entry.decidedAt.replace('T', ' ').slice(0, 19),
    carried: entry.sha256 !== submission.sha256,
  };
}

function evidencePlace(submission: Submission, evidence: Evidence): EvidencePlace {
  const location = evidence.location as Evidence['location'] & { page?: number | null; box?: number[] };
  // A photo or picture (JPEG, PNG) is read by OCR as one page: shown as a page image like a scanned PDF's.
  if (submission.format === 'pdf' || submission.format === 'jpeg' || submission.format === 'png') {
    const page = location.page;
    if (typeof page !== 'number') return null;
    const box = location.box && location.box.length === 4 ? (location.box as [number, number, number, number]) : null;
    const picture = submission.format !== 'pdf';
    return {
      kind: 'pdf-page',
      image: `/pages/${submission.sha256}/${page}.png`,
      page,
      box,
      dpi: pageImageDpi,
      picture,
    };
  }
  const anchor =
    'table' in location
      ? cellAnchor(location.table, location.row, location.column)
      : paragraphAnchor(location.paragraph);
  return { kind: 'document-html', url: `/documents/${submission.sha256}.html`, anchor };
}
