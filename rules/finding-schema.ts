/** A finding as printed in `check --json` (SPEC §3): the engine stamps ruleId, severity and title on what a rule reports. */
import { z } from 'zod';
import { evidenceSchema } from '../extractors/model/report-schema.js';

export const severities = ['info', 'warning', 'error'] as const;
export const severitySchema = z.enum(severities);
export type Severity = z.infer<typeof severitySchema>;

export const findingSchema = z.object({
  ruleId: z.string(),
  severity: severitySchema,
  message: z.string(),
  evidence: z.array(evidenceSchema),
  /** Extensions: the rule's Chinese title, its message id and data, and what would make the figures consistent. */
  title: z.string().optional(),
  messageId: z.string().optional(),
  data: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).optional(),
  suggestion: z.string().nullable().optional(),
  /**
   * Extension (issue #14): the finding rests on a figure OCR read below `ocr.minConfidence` (识别存疑),
   * or, on a document read by OCR, says that a part or figure is not there (structure.required-sections:
   * the recogniser may have missed it, or a photo left it out of frame). It keeps its severity; the memo,
   * summary and mail mark it so that the original is checked first.
   */
  uncertain: z.boolean().optional(),
});
export type Finding = z.infer<typeof findingSchema>;
