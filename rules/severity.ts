/**
 * The one place that turns every accepted severity spelling into `off | info | warning | error`,
 * as ESLint does for 0/1/2 and off/warn/error. Anything else throws.
 */
import type { Severity } from './finding-schema.js';

export type SeveritySetting = 'off' | Severity;

export const severitySettings: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];

const spellings: ReadonlyMap<unknown, SeveritySetting> = new Map<unknown, SeveritySetting>([
  ['off', 'off'],
  ['info', 'info'],
  ['warning', 'warning'],
  ['warn', 'warning'],
  ['error', 'error'],
  [0, 'off'],
  [1, 'warning'],
  [2, 'error'],
]);

export class SeverityError extends Error {
  readonly value: unknown;

  constructor(value: unknown) {
    super(`严重程度 ${JSON.stringify(value) ?? String(value)} 无效，应为 off/info/warning/error`);
    this.name = 'SeverityError';
    this.value = value;
  }
}

export function normalizeSeverity(value: unknown): SeveritySetting {
  const setting = spellings.get(value);
  if (setting === undefined) throw new SeverityError(value);
  return setting;
}
