/**
 * What a rule is (STYLE §2): `meta` describes it — id, Chinese title, default severity, examples,
 * message templates and an options schema with defaults — and `check` reads a read-only context
 * and reports message ids with data and evidence. The engine stamps everything else.
 */
import type { z } from 'zod';
import type { Evidence, Extraction, Report } from '../extractors/model/report-schema.js';
import type { Severity } from './finding-schema.js';
import type { EvidencePath } from './support/report-path.js';

export type DeepReadonly<T> = T extends (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/**
 * The evidence of a report's figures and texts by their typed paths (support/report-path.ts): a rule
 * looking one up by a misspelt path does not compile. The same object as the sidecar's record.
 */
export type ReportEvidence = { readonly [Path in EvidencePath]?: DeepReadonly<Evidence> };

/** The extraction sidecar as a rule reads it: frozen, its evidence by typed path. */
export type RuleExtraction = DeepReadonly<Omit<Extraction, 'evidence'>> & { readonly evidence: ReportEvidence };

/** The typed report and its sidecar as a rule reads them. */
export interface RuleSubmission {
  readonly report: DeepReadonly<Report>;
  readonly extraction: RuleExtraction;
}

export type MessageData = Readonly<Record<string, string | number | null>>;

export interface RuleMeta<Options, MessageId extends string> {
  /** Rule id, equal to the file name (SPEC §4), e.g. `funds.balance`. */
  readonly id: string;
  /** Chinese title shown next to each finding. */
  readonly title: string;
  readonly defaultSeverity: Severity;
  /** What the rule checks, with one consistent and one inconsistent example (Chinese). */
  readonly description: { readonly summary: string; readonly correct: string; readonly incorrect: string };
  /** Chinese message templates by id, with {{placeholders}} filled from the reported data. */
  readonly messages: Readonly<Record<MessageId, string>>;
  /** Options with their defaults: `options.parse({})` gives the defaults. */
  readonly options: z.ZodType<Options>;
  readonly docsUrl?: string;
  /**
   * `package` for a rule that compares the documents of one unit's package (SPEC §6–§8): it is run by
   * rules/package-engine.ts on all of them at once through `checkPackage`, never on one document.
   * @default 'document'
   */
  readonly scope?: 'document' | 'package';
}

export interface ReportDescriptor<MessageId extends string> {
  readonly messageId: MessageId;
  readonly data?: MessageData;
  /** Figures behind the finding, taken from the extraction (never built by hand: the engine checks their locations). */
  readonly evidence?: readonly DeepReadonly<Evidence>[];
  /** Id of a message template saying what would make the figures consistent; filled with the same data. */
  readonly suggestion?: MessageId;
  /**
   * Lowers this one finding to `info` (never raises it): for the reverse case a rule mentions in
   * passing, e.g. targets all met yet points deducted under scoring.target-missed-full-marks.
   */
  readonly severity?: 'info';
}

export interface RuleContext<Options, MessageId extends string> {
  /** The typed report and its extraction sidecar, frozen. */
  readonly submission: RuleSubmission;
  readonly extraction: RuleExtraction;
  readonly options: DeepReadonly<Options>;
  report(descriptor: ReportDescriptor<MessageId>): void;
}

/** One document of a unit's package, as a package rule sees it. */
export interface PackageDocument {
  /** The file as named in the results (the evidence of a package finding names it). */
  readonly file: string;
  readonly submission: RuleSubmission;
}

export interface PackageRuleContext<Options, MessageId extends string> {
  /** The unit's current documents of one year, in the order the caller gives them. */
  readonly documents: readonly PackageDocument[];
  readonly options: DeepReadonly<Options>;
  /** Evidence must carry `file` (one of the documents') and a location that document's extraction produced. */
  report(descriptor: ReportDescriptor<MessageId>): void;
}

export interface Rule<Options = unknown, MessageId extends string = string> {
  readonly meta: RuleMeta<Options, MessageId>;
  // A method (not a property) so that rules with specific options still fit a registry of Rule.
  check(context: RuleContext<Options, MessageId>): void;
  /** Package rules only (meta.scope 'package'). */
  checkPackage?(context: PackageRuleContext<Options, MessageId>): void;
}

export type ReadonlyReport = DeepReadonly<Report>;

/** Identity helper that lets TypeScript infer a rule's options and message ids from its meta. */
export function defineRule<Options, MessageId extends string>(
  rule: Rule<Options, MessageId>,
): Rule<Options, MessageId> {
  return rule;
}
