import { InvalidRoadmapStructureError } from './enrollment.errors';

export interface RoadmapStageData {
  readonly stageId: string;
  readonly skillIds: readonly string[];
}

/** The plain, JSON-safe shape carried by events and snapshots. */
export interface RoadmapStructureData {
  readonly stages: readonly RoadmapStageData[];
}

/**
 * Which skills a roadmap version contains, stage by stage and in learning order. Skills are
 * identified by the catalog's stable ids, so the same skill keeps its progress across versions.
 */
export class RoadmapStructure {
  private readonly stageBySkill: ReadonlyMap<string, string>;

  private constructor(readonly stages: readonly RoadmapStageData[]) {
    this.stageBySkill = new Map(stages.flatMap((stage) => stage.skillIds.map((skillId) => [skillId, stage.stageId] as const)));
  }

  static of(data: RoadmapStructureData): RoadmapStructure {
    if (!Array.isArray(data?.stages)) throw new InvalidRoadmapStructureError('stages must be a list');
    const stageIds = new Set<string>();
    const skillIds = new Set<string>();
    for (const stage of data.stages) {
      if (!isId(stage?.stageId)) throw new InvalidRoadmapStructureError('every stage needs a non-empty stage id');
      if (stageIds.has(stage.stageId)) throw new InvalidRoadmapStructureError('stage ids must be unique', { stageId: stage.stageId });
      stageIds.add(stage.stageId);
      if (!Array.isArray(stage.skillIds)) throw new InvalidRoadmapStructureError('skill ids must be a list', { stageId: stage.stageId });
      for (const skillId of stage.skillIds) {
        if (!isId(skillId)) throw new InvalidRoadmapStructureError('every skill needs a non-empty skill id', { stageId: stage.stageId });
        // A skill listed twice would be counted twice and could never be "all done" consistently.
        if (skillIds.has(skillId)) throw new InvalidRoadmapStructureError('a skill may appear only once in a roadmap', { skillId });
        skillIds.add(skillId);
      }
    }
    if (skillIds.size === 0) throw new InvalidRoadmapStructureError('a roadmap needs at least one skill');
    return new RoadmapStructure(
      Object.freeze(data.stages.map((stage) => Object.freeze({ stageId: stage.stageId, skillIds: Object.freeze([...stage.skillIds]) }))),
    );
  }

  /** Every skill id in learning order. */
  get skillIds(): readonly string[] {
    return [...this.stageBySkill.keys()];
  }

  contains(skillId: string): boolean {
    return this.stageBySkill.has(skillId);
  }

  stageOf(skillId: string): string | undefined {
    return this.stageBySkill.get(skillId);
  }

  toData(): RoadmapStructureData {
    return { stages: this.stages.map((stage) => ({ stageId: stage.stageId, skillIds: [...stage.skillIds] })) };
  }
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}
