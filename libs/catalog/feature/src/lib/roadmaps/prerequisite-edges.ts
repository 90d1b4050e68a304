import type { PrerequisiteEdge } from '@pathwise/catalog/domain';

/** The domain's `from`/`to` edges as the API, the editor view and the events spell them. */
export function prerequisitePairs<T extends string>(edges: readonly PrerequisiteEdge<T>[]): { skillId: T; requiresSkillId: T }[] {
  return edges.map((edge) => ({ skillId: edge.from, requiresSkillId: edge.to }));
}
