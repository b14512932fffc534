/** Document model → typed report (SPEC §3) with the evidence of every figure. */
import type { DocumentModel } from './document-model.js';
import { Rejection } from './rejection.js';
import type { ParsedSubmission } from './report-schema.js';

// STUB (owned by the report-parser work): replaced by the real parser.
export function parseReport(model: DocumentModel): ParsedSubmission {
  void model;
  throw new Rejection('not-a-report', '未识别为部门整体绩效自评报告。');
}
