/** Where a sentence stands in the report's outline: the numbered headings above it, innermost last. */
import type { TextLocation } from '../../extractors/model/document-model.js';
import type { Heading } from '../../extractors/model/report-schema.js';
import type { DeepReadonly } from '../rule.js';

export type ReadonlyHeading = DeepReadonly<Heading>;

/** The headings enclosing `location`: for each level, the last heading of that level before it (and after any higher one). */
export function enclosingHeadings(
  headings: readonly ReadonlyHeading[],
  location: DeepReadonly<TextLocation>,
): ReadonlyHeading[] {
  const stack: ReadonlyHeading[] = [];
  // Paragraph indices count every paragraph of the document, so they order headings and sentences alike.
  const ordered = [...headings].sort((a, b) => a.location.paragraph - b.location.paragraph);
  for (const heading of ordered) {
    if (heading.location.paragraph > location.paragraph) break;
    while (stack.length > 0 && stack[stack.length - 1]!.level >= heading.level) stack.pop();
    stack.push(heading);
  }
  return stack;
}
