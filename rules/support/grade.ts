/** The grade bands of SPEC §6 (优 ≥ 90, 良 80–89, 中 60–79, 差 < 60), shared by the rule and the summary. */

export type Grade = '优' | '良' | '中' | '差';

export interface GradeBands {
  readonly 优: number;
  readonly 良: number;
  readonly 中: number;
}

export const defaultGradeBands: GradeBands = { 优: 90, 良: 80, 中: 60 };

/** The band a 总分 falls in. */
export function gradeFor(total: number, bands: GradeBands = defaultGradeBands): Grade {
  if (total >= bands.优) return '优';
  if (total >= bands.良) return '良';
  if (total >= bands.中) return '中';
  return '差';
}

/** A stated 自评等级 as one of the four bands (优秀 → 优, 良好 → 良, 合格/中等 → 中, 较差/不合格 → 差), or null when it is none of them. */
export function normalizeGrade(stated: string | null | undefined): Grade | null {
  const text = (stated ?? '').replace(/\s/g, '');
  if (/^(优|优秀|A)$/.test(text)) return '优';
  if (/^(良|良好|B)$/.test(text)) return '良';
  if (/^(中|中等|合格|一般|C)$/.test(text)) return '中';
  if (/^(差|较差|不合格|D)$/.test(text)) return '差';
  return null;
}
