/**
 * `ReportPath`: every dotted path from the typed report to a number it may hold ("finance.income",
 * "scoring.items.3.max", `budget.lines.${i}.executed`), as a template-literal type, so that a rule
 * reading a figure by a misspelt or moved path fails to compile instead of reading nothing and
 * staying silent. Computed from the report schema's type: a figure added there is a path here.
 */
import type { Report } from '../../extractors/model/report-schema.js';

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
