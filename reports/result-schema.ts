/** The JSON contract of `review-desk check --json` (SPEC §3): one result per file plus a summary. */
import { z } from 'zod';
import { documentFormats } from '../extractors/model/document-model.js';
import { rejectionCodes } from '../extractors/model/rejection.js';
import { extractionSchema, reportSchema } from '../extractors/model/report-schema.js';
import { findingSchema } from '../rules/finding-schema.js';

export const checkResultSchema = z.object({
  file: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Format detected from the bytes; null when it could not be told. */
  format: z.enum(documentFormats).nullable(),
  status: z.enum(['checked', 'rejected']),
  error: z.object({ code: z.enum(rejectionCodes), message: z.string() }).nullable(),
  report: reportSchema.nullable(),
  findings: z.array(findingSchema),
  /** Extension: evidence, sentences, headings and extraction problems behind the report (null when rejected). */
  extraction: extractionSchema.nullable().optional(),
});
export type CheckResult = z.infer<typeof checkResultSchema>;

export const checkSummarySchema = z.object({
  files: z.number().int(),
  checked: z.number().int(),
  rejected: z.number().int(),
  errors: z.number().int(),
  warnings: z.number().int(),
  infos: z.number().int(),
});
export type CheckSummary = z.infer<typeof checkSummarySchema>;

/** A unit's package (SPEC §7): its current documents of one year and the `package.*` findings across them. */
export const packageResultSchema = z.object({
  unit: z.string(),
  year: z.number().int(),
  files: z.array(z.string()),
  findings: z.array(findingSchema),
});
export type PackageResult = z.infer<typeof packageResultSchema>;

export const checkOutputSchema = z.object({
  version: z.literal(1),
  results: z.array(checkResultSchema),
  /** Extension (SPEC §7): one entry per unit and year with at least two current documents. */
  packages: z.array(packageResultSchema).optional(),
  summary: checkSummarySchema,
});
export type CheckOutput = z.infer<typeof checkOutputSchema>;

export function summarize(results: readonly CheckResult[]): CheckSummary {
  const summary: CheckSummary = { files: results.length, checked: 0, rejected: 0, errors: 0, warnings: 0, infos: 0 };
  for (const result of results) {
    if (result.status === 'checked') summary.checked++;
    else summary.rejected++;
    for (const finding of result.findings) {
      if (finding.severity === 'error') summary.errors++;
      else if (finding.severity === 'warning') summary.warnings++;
      else summary.infos++;
    }
  }
  return summary;
}
