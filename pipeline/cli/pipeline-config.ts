/**
 * The whole `review-desk.config.json`, read and parsed once here: the rule settings (checked by the
 * rules' pure `parseConfig`) plus the pipeline's own key `limits`, which overrides the read limits of
 * extractors/limits.ts, e.g. `{ "limits": { "timeoutMs": 20000, "maxFileBytes": 20971520 } }`, and `pdf`,
 * whose `engine` chooses the PDF engine (`{ "pdf": { "engine": "pdfjs" } }`; default PDFium).
 * Any other top-level key is a ConfigError naming it, so a misspelt `rulez` cannot go unnoticed.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { defaultReadLimits, type ReadLimits } from '../../extractors/model/limits.js';
import { type PdfEngine, pdfEngines } from '../../extractors/pdf/backend.js';
import { ConfigError, configFileName, parseConfig } from '../../rules/config.js';
import type { RuleConfig } from '../../rules/engine.js';

export interface PipelineConfig {
  rules: RuleConfig;
  limits: ReadLimits;
}

/** The top-level keys the pipeline itself reads; `rules` and `$schema` belong to the rules' config. */
const pipelineKeys: readonly string[] = ['limits', 'pdf', 'ocr'];

/** The numeric limits (`pdfEngine` travels with them but is set under `pdf.engine`). */
type LimitKey = Exclude<keyof ReadLimits, 'pdfEngine' | 'ocrMinConfidence'>;
const limitKeys = Object.keys(defaultReadLimits) as LimitKey[];

/** Largest delay a Node timer takes: a longer one fires after 1 ms (TimeoutOverflowWarning). */
const maxTimerMs = 2 ** 31 - 1;
/** Node reads a file into one buffer only up to 2 GiB − 1. */
const maxReadBytes = 2 ** 31 - 1;

/** Each limit's upper bound: beyond it the limit would not hold (a timer firing at once, a read that cannot be made). */
const limitMaxima: Readonly<Record<LimitKey, number>> = {
  maxFileBytes: maxReadBytes,
  maxUncompressedBytes: Number.MAX_SAFE_INTEGER,
  maxCompressionRatio: Number.MAX_SAFE_INTEGER,
  maxZipEntries: Number.MAX_SAFE_INTEGER,
  maxPages: Number.MAX_SAFE_INTEGER,
  timeoutMs: maxTimerMs,
  maxOcrPages: Number.MAX_SAFE_INTEGER,
  ocrPageTimeoutMs: maxTimerMs,
};

const limitSchemas = Object.fromEntries(
  limitKeys.map((key) => [key, z.number().int().positive().max(limitMaxima[key])]),
) as Record<LimitKey, z.ZodNumber>;

function parseLimits(value: unknown): ReadLimits {
  if (value === undefined) return defaultReadLimits;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(`配置项 limits 应为对象，可设置：${limitKeys.join('、')}`, 'limits');
  }
  const limits: Record<string, unknown> = { ...defaultReadLimits };
  for (const [key, setting] of Object.entries(value)) {
    if (!limitKeys.includes(key as LimitKey)) {
      throw new ConfigError(
        `配置项 limits.${key} 无效：没有这项限制，可设置：${limitKeys.join('、')}`,
        `limits.${key}`,
      );
    }
    const limitKey = key as LimitKey;
    const parsed = limitSchemas[limitKey].safeParse(setting);
    if (!parsed.success) {
      const tooBig = parsed.error.issues.some((issue) => issue.code === 'too_big');
      const expected = tooBig ? `应为不超过 ${limitMaxima[limitKey]} 的正整数` : '应为正整数';
      throw new ConfigError(`配置项 limits.${key} 的值 ${JSON.stringify(setting)} 无效，${expected}`, `limits.${key}`);
    }
    limits[key] = parsed.data;
  }
  return limits as unknown as ReadLimits;
}

/** `pdf: { engine: "pdfium" | "pdfjs" }`: which engine reads PDFs (default: extractors/pdf/backend.ts). */
function parsePdfEngine(value: unknown): PdfEngine | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError('配置项 pdf 应为对象，可设置：engine', 'pdf');
  }
  for (const [key, setting] of Object.entries(value)) {
    if (key !== 'engine') throw new ConfigError(`配置项 pdf.${key} 无效：可设置：engine`, `pdf.${key}`);
    if (!pdfEngines.includes(setting as PdfEngine)) {
      throw new ConfigError(
        `配置项 pdf.engine 的值 ${JSON.stringify(setting)} 无效，应为 ${pdfEngines.map((e) => `"${e}"`).join(' 或 ')}`,
        'pdf.engine',
      );
    }
    return setting as PdfEngine;
  }
  return undefined;
}

/** `ocr: { minConfidence: 0.85 }`: below it an OCR figure is 识别存疑 (extractors/model/limits.ts). */
function parseOcr(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError('配置项 ocr 应为对象，可设置：minConfidence', 'ocr');
  }
  let minConfidence: number | undefined;
  for (const [key, setting] of Object.entries(value)) {
    if (key !== 'minConfidence') {
      throw new ConfigError(`配置项 ocr.${key} 无效：可设置：minConfidence`, `ocr.${key}`);
    }
    if (typeof setting !== 'number' || !(setting >= 0 && setting <= 1)) {
      throw new ConfigError(
        `配置项 ocr.minConfidence 的值 ${JSON.stringify(setting)} 无效，应为 0 到 1 之间的数`,
        'ocr.minConfidence',
      );
    }
    minConfidence = setting;
  }
  return minConfidence;
}

/** Checks the text of a config file: the top-level keys, the rule settings and the limits. Pure. */
export function parsePipelineConfig(text: string, source: string): PipelineConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ConfigError(`配置文件 ${source} 不是有效的 JSON`, null, { cause: error });
  }
  // parseConfig rejects a top-level key other than rules, $schema and the pipeline's own ones.
  const rules = parseConfig(raw, { allowedKeys: pipelineKeys });
  const limits = parseLimits((raw as { limits?: unknown }).limits);
  const pdfEngine = parsePdfEngine((raw as { pdf?: unknown }).pdf);
  const ocrMinConfidence = parseOcr((raw as { ocr?: unknown }).ocr);
  return {
    rules,
    limits: {
      ...limits,
      ...(pdfEngine ? { pdfEngine } : {}),
      ...(ocrMinConfidence !== undefined ? { ocrMinConfidence } : {}),
    },
  };
}

function readConfigText(file: string, explicit: boolean): string | null {
  try {
    // A FIFO or device given as the config would block the read for ever.
    if (!statSync(file).isFile()) throw new ConfigError(`配置文件 ${file} 不是普通文件`);
    return readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !explicit) return null;
    if (code === 'ENOENT') throw new ConfigError(`找不到配置文件 ${file}`);
    throw new ConfigError(`无法读取配置文件 ${file}`, null, { cause: error });
  }
}

/**
 * Reads `--config FILE` (or `review-desk.config.json` in `cwd`, when present) once; throws a
 * ConfigError with a Chinese message. Without a file every rule and limit keeps its default.
 */
export function loadPipelineConfig(path?: string, cwd: string = process.cwd()): PipelineConfig {
  const file = resolve(cwd, path ?? configFileName);
  const text = readConfigText(file, path !== undefined);
  if (text === null) return { rules: { rules: {} }, limits: defaultReadLimits };
  return parsePipelineConfig(text, file);
}
