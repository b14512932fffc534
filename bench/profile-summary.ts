/**
 * Summarises V8 .cpuprofile files (from `node --cpu-prof`, one per thread) into the hot spots that
 * results.md reports: self time per function and per module (a package in node_modules, or a file
 * of the project), across all threads.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

export interface HotSpot {
  readonly name: string;
  readonly selfMs: number;
  readonly share: number;
}

export interface ProfileSummary {
  readonly threads: number;
  readonly totalMs: number;
  readonly idleMs: number;
  readonly functions: readonly HotSpot[];
  readonly modules: readonly HotSpot[];
}

/** node_modules/<package> or the project-relative file, from a script URL. */
export function moduleOf(url: string): string {
  if (url === '') return '(native / V8)';
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packageMatch) return packageMatch[1]!;
  if (url.startsWith('node:')) return 'node core';
  const distMatch = /\/dist\/(.+)$/.exec(url);
  if (distMatch) return distMatch[1]!.replace(/\.js$/, '.ts');
  return url.replace(/^file:\/\//, '');
}

export function summariseProfiles(folder: string, top = 12): ProfileSummary {
  const byFunction = new Map<string, number>();
  const byModule = new Map<string, number>();
  let totalMs = 0;
  let idleMs = 0;
  let threads = 0;
  for (const name of readdirSync(folder).filter((file) => file.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(folder, name), 'utf8')) as CpuProfile;
    threads++;
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    const selfMs = new Map<number, number>();
    const samples = profile.samples ?? [];
    const deltas = profile.timeDeltas ?? [];
    // timeDeltas[i] is the time before sample i; attribute it to the sample's node.
    for (let index = 0; index < samples.length; index++) {
      const id = samples[index]!;
      selfMs.set(id, (selfMs.get(id) ?? 0) + (deltas[index] ?? 0) / 1000);
    }
    for (const [id, ms] of selfMs) {
      const node = nodes.get(id);
      if (!node) continue;
      const { functionName, url, lineNumber } = node.callFrame;
      totalMs += ms;
      if (functionName === '(idle)' || functionName === '(program)' || functionName === '(garbage collector)') {
        if (functionName === '(idle)') idleMs += ms;
        const key = functionName;
        byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
        byModule.set(key, (byModule.get(key) ?? 0) + ms);
        continue;
      }
      const module = moduleOf(url);
      const key = `${functionName || '(anonymous)'} — ${module}:${lineNumber + 1}`;
      byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
      byModule.set(module, (byModule.get(module) ?? 0) + ms);
    }
  }
  const busy = totalMs - idleMs;
  const rank = (map: Map<string, number>) =>
    [...map.entries()]
      .filter(([name]) => name !== '(idle)')
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, selfMs: ms, share: busy > 0 ? ms / busy : 0 }));
  return { threads, totalMs, idleMs, functions: rank(byFunction), modules: rank(byModule) };
}
