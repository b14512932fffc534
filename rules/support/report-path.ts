/**
 * Typed paths into the report, as template-literal types, so that a rule reading a figure, a text
 * or its evidence by a misspelt or moved path fails to compile instead of reading nothing and
 * staying silent. Computed from the report schema's type: a figure added there is a path here.
 * - `ReportPath`: to a number ("finance.income", "scoring.items.3.max", `budget.lines.${i}.executed`);
 * - `ReportTextPath`: to a text ("scoring.grade", `scoring.items.${i}.target`, "finance.largeProjectsClaim");
 * - `ReportTextListPath`: to a list of texts (`scoring.items.${i}.path`, an item's name path);
 * - `EvidencePath`: any of these; the keys the parser records evidence under (`extraction.evidence`);
 * - `RepeatedFigurePath`: one occurrence of a figure stated twice (`extraction.repeatedFigures`).
 */
import type { Evidence, Extraction, Report } from '../../extractors/model/report-schema.js';

type Scalar = string | number | boolean | bigint | symbol | null | undefined;

/** Depth budget: the report nests five levels at most (facts.welfare.benefits.N.households). */
type Shallower = [never, 0, 1, 2, 3, 4, 5, 6];

type Step<Key extends string, Value, Target, Depth extends number> =
  | (NonNullable<Value> extends Target ? Key : never)
  | (NonNullable<Value> extends Scalar ? never : `${Key}.${PathTo<NonNullable<Value>, Target, Shallower[Depth]>}`);

/** The dotted paths inside `T` that lead to a value of type `Target` (array elements by `${number}`). */
export type PathTo<T, Target, Depth extends number = 7> = [Depth] extends [never]
  ? never
  : T extends readonly (infer Element)[]
    ? Step<`${number}`, Element, Target, Depth>
    : T extends object
      ? { [Key in keyof T & string]-?: Step<Key, T[Key], Target, Depth> }[keyof T & string]
      : never;

/** A path to a figure (a number) of the typed report. */
export type ReportPath = PathTo<Report, number>;

/** A path to a text of the typed report: a name, the grade, an indicator's target or actual value. */
export type ReportTextPath = PathTo<Report, string>;

/** A path to a list of texts: the name path of a scoring item or group (`scoring.items.${i}.path`). */
export type ReportTextListPath = PathTo<Report, readonly string[]>;

/** A path the parser may record evidence under: a figure, a text or a scoring item's name of the report. */
export type EvidencePath = ReportPath | ReportTextPath | ReportTextListPath;

/** An occurrence of a figure the document states more than once, in the extraction sidecar. */
export type RepeatedFigurePath = PathTo<Pick<Extraction, 'repeatedFigures'>, Evidence>;
