/**
 * Figures OCR read with low confidence (识别存疑, issue #14). A finding that rests on one keeps its
 * severity and is marked `uncertain`, so that a misread never silently becomes a unit's error nor
 * silently disappears. Marked once, when the file is checked, with the threshold of that run
 * (config `ocr.minConfidence`), so that the memo, summary, mail and JSON rendered later all agree.
 */
import type { Evidence, Extraction } from '../../extractors/model/report-schema.js';
import type { Finding } from '../finding-schema.js';

/** `ocr.minConfidence` when the config does not set it (extractors/model/limits.ts). */
export const defaultOcrMinConfidence = 0.85;

/** A figure read by OCR below the threshold; a born-digital figure has no confidence and is never uncertain. */
export function isUncertainEvidence(evidence: Pick<Evidence, 'confidence'>, minConfidence: number): boolean {
  return evidence.confidence !== undefined && evidence.confidence < minConfidence;
}

/**
 * A finding that something is not there (a part of the template, a figure every review needs): on a
 * page read by OCR it may be what the recogniser missed or a photo left out of frame, not what the
 * unit left out.
 */
export function isAbsenceFinding(finding: Pick<Finding, 'ruleId'>): boolean {
  return finding.ruleId === 'structure.required-sections';
}

/**
 * The findings of a document read by OCR, each resting on an uncertain figure, or saying that
 * something is not there, marked `uncertain: true` (the others as they were).
 */
export function markUncertainFindings(
  findings: readonly Finding[],
  minConfidence = defaultOcrMinConfidence,
): Finding[] {
  return findings.map((finding) =>
    isAbsenceFinding(finding) || finding.evidence.some((evidence) => isUncertainEvidence(evidence, minConfidence))
      ? { ...finding, uncertain: true }
      : finding,
  );
}

/** The report paths of the figures read below the threshold, in the sidecar's order. */
export function uncertainFigurePaths(
  extraction: Pick<Extraction, 'evidence'>,
  minConfidence = defaultOcrMinConfidence,
): string[] {
  return Object.entries(extraction.evidence)
    .filter(([, evidence]) => isUncertainEvidence(evidence, minConfidence))
    .map(([path]) => path);
}

/**
 * What the check keeps of a parsed submission read by OCR: its findings marked, and its sidecar with
 * the uncertain figures listed (`extraction.uncertainFigures`). A born-digital submission is left as it is.
 */
export function withUncertainFigures(
  extraction: Extraction,
  findings: readonly Finding[],
  minConfidence = defaultOcrMinConfidence,
): { extraction: Extraction; findings: Finding[] } {
  if (!extraction.ocr) return { extraction, findings: [...findings] };
  return {
    extraction: { ...extraction, uncertainFigures: uncertainFigurePaths(extraction, minConfidence) },
    findings: markUncertainFindings(findings, minConfidence),
  };
}

type DocumentFigures = { file: string; extraction: Pick<Extraction, 'evidence' | 'uncertainFigures'> };

function figureKey(file: string | undefined, evidence: Pick<Evidence, 'location' | 'value'>): string {
  return `${file ?? ''}\u0000${JSON.stringify(evidence.location)}\u0000${evidence.value}`;
}

/**
 * Package findings (SPEC §7) marked as the documents' own: one whose evidence is a figure a document
 * listed as uncertain when it was checked (same file, place and value) is `uncertain`. No threshold
 * here: each document was judged with its own run's.
 */
export function markUncertainPackageFindings(
  findings: readonly Finding[],
  documents: readonly DocumentFigures[],
): Finding[] {
  const uncertain = new Set<string>();
  for (const { file, extraction } of documents) {
    for (const path of extraction.uncertainFigures ?? []) {
      const evidence = extraction.evidence[path];
      if (evidence) uncertain.add(figureKey(file, evidence));
    }
  }
  if (uncertain.size === 0) return [...findings];
  return findings.map((finding) =>
    finding.evidence.some((evidence) => uncertain.has(figureKey(evidence.file, evidence)))
      ? { ...finding, uncertain: true }
      : finding,
  );
}
