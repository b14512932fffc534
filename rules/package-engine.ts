/**
 * Runs the package rules (meta.scope 'package', SPEC §6–§8) on one unit's current documents of one
 * year. As for a single document, the engine fills messages, stamps ruleId/severity/title, turns a
 * throwing rule into an internal-error finding, and accepts only evidence that names one of the
 * package's files and a location that file's extraction produced.
 */
import type { ParsedSubmission } from '../extractors/model/report-schema.js';
import { evidenceSchema } from '../extractors/model/report-schema.js';
import type { RuleConfig } from './config.js';
import {
  compareByEvidence,
  fill,
  frozenCopy,
  internalError,
  knownLocations,
  locationKey,
  optionsFor,
  RuleContractError,
} from './engine.js';
import type { Finding } from './finding-schema.js';
import { ruleById, ruleCatalogue } from './index.js';
import type { PackageDocument, ReportDescriptor, Rule } from './rule.js';

export interface PackageInput {
  readonly file: string;
  readonly submission: ParsedSubmission;
}

/** The package rules, in catalogue order. */
export function packageRules(): Rule[] {
  return ruleCatalogue.map((id) => ruleById(id)!).filter((rule) => rule.meta.scope === 'package');
}

/** Runs every package rule the config leaves on; fewer than two documents have nothing to compare. */
export function runPackageRules(documents: readonly PackageInput[], config: RuleConfig = {}): Finding[] {
  if (documents.length < 2) return [];
  const prepared: PackageDocument[] = documents.map((d) => ({ file: d.file, submission: frozenCopy(d.submission) }));
  const locations = new Map(prepared.map((d) => [d.file, knownLocations(d.submission)]));
  const findings: Finding[] = [];
  for (const rule of packageRules()) {
    const setting = config.rules?.[rule.meta.id];
    const severity = setting?.severity ?? rule.meta.defaultSeverity;
    if (severity === 'off' || !rule.checkPackage) continue;
    const collected: Finding[] = [];
    const messages = rule.meta.messages as Readonly<Record<string, string>>;
    try {
      const options = optionsFor(rule, setting?.options);
      rule.checkPackage({
        documents: Object.freeze(prepared),
        options: options as never,
        report(descriptor: ReportDescriptor<string>) {
          const template = Object.hasOwn(messages, descriptor.messageId) ? messages[descriptor.messageId] : undefined;
          if (template === undefined)
            throw new RuleContractError(rule.meta.id, `unknown messageId "${descriptor.messageId}"`);
          const data = { ...(descriptor.data ?? {}) };
          const evidence = (descriptor.evidence ?? []).map((item) => {
            const parsed = evidenceSchema.safeParse(item);
            if (!parsed.success)
              throw new RuleContractError(rule.meta.id, 'evidence does not match the evidence schema');
            const known = parsed.data.file === undefined ? undefined : locations.get(parsed.data.file);
            if (!known?.has(locationKey(parsed.data.location)))
              throw new RuleContractError(
                rule.meta.id,
                'package evidence must name a package file and a location it produced',
              );
            return parsed.data;
          });
          const suggestion =
            descriptor.suggestion !== undefined && Object.hasOwn(messages, descriptor.suggestion)
              ? fill(rule.meta.id, messages[descriptor.suggestion]!, data)
              : null;
          collected.push({
            ruleId: rule.meta.id,
            severity: descriptor.severity === 'info' ? 'info' : severity,
            message: fill(rule.meta.id, template, data),
            evidence,
            title: rule.meta.title,
            messageId: descriptor.messageId,
            data,
            suggestion,
          });
        },
      });
      findings.push(...collected.sort(compareByEvidence));
    } catch (error) {
      findings.push(internalError(rule, error));
    }
  }
  return findings;
}
