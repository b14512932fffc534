/**
 * The whole `review-desk.config.json`: the rule settings (parsed by rules/config) plus the
 * pipeline's own key `limits`, which overrides the read limits of extractors/limits.ts, e.g.
 * `{ "limits": { "timeoutMs": 20000, "maxFileBytes": 20971520 } }`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { defaultReadLimits, type ReadLimits } from '../extractors/limits.js';
import { ConfigError, configFileName, loadConfig } from '../rules/config.js';
import type { RuleConfig } from '../rules/engine.js';

export interface PipelineConfig {
  rules: RuleConfig;
  limits: ReadLimits;
}

const limitKeys = Object.keys(defaultReadLimits) as (keyof ReadLimits)[];

function readLimits(file: string): ReadLimits {
  if (!existsSync(file)) return defaultReadLimits;
  // loadConfig has already read and parsed this file; errors there are reported first.
  const raw = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as { limits?: unknown };
  if (raw.limits === undefined) return defaultReadLimits;
  if (raw.limits === null || typeof raw.limits !== 'object' || Array.isArray(raw.limits)) {
    throw new ConfigError(`配置项 limits 应为对象，可设置：${limitKeys.join('、')}`, 'limits');
  }
  const limits: Record<string, number> = { ...defaultReadLimits };
  for (const [key, value] of Object.entries(raw.limits)) {
    if (!limitKeys.includes(key as keyof ReadLimits)) {
      throw new ConfigError(
        `配置项 limits.${key} 无效：没有这项限制，可设置：${limitKeys.join('、')}`,
        `limits.${key}`,
      );
    }
    const parsed = z.number().int().positive().safeParse(value);
    if (!parsed.success) {
      throw new ConfigError(`配置项 limits.${key} 的值 ${JSON.stringify(value)} 无效，应为正整数`, `limits.${key}`);
    }
    limits[key] = parsed.data;
  }
  return limits as unknown as ReadLimits;
}

/** Reads `--config FILE` (or `review-desk.config.json` in `cwd`); throws ConfigError with a Chinese message. */
export function loadPipelineConfig(path?: string, cwd: string = process.cwd()): PipelineConfig {
  const rules = loadConfig(path, cwd);
  return { rules, limits: readLimits(resolve(cwd, path ?? configFileName)) };
}
