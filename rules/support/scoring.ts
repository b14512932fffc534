/** Shared reading of the scoring table for the scoring.* rules. */
import type { ScoringGroup, ScoringItem } from '../../extractors/model/report-schema.js';
import type { DeepReadonly } from '../rule.js';

export type ReadonlyItem = DeepReadonly<ScoringItem>;
export type ReadonlyGroup = DeepReadonly<ScoringGroup>;

/** The indicator's own name: the 三级指标, or 扣分项. */
export function itemName(item: ReadonlyItem): string {
  return item.path[item.path.length - 1] ?? '（未命名指标）';
}

export function groupLevelName(group: ReadonlyGroup): string {
  return group.path.length <= 1 ? '一级指标' : '二级指标';
}

export function groupName(group: ReadonlyGroup): string {
  return group.path[group.path.length - 1] ?? '（未命名指标）';
}

/** Whether the item sits under the group: its path starts with the group's path. */
export function isUnder(item: ReadonlyItem, group: ReadonlyGroup): boolean {
  return (
    group.path.length > 0 && group.path.length <= item.path.length && group.path.every((p, i) => item.path[i] === p)
  );
}
