import type { RoadmapDetails, SkillPriority } from '../roadmap';
import type { SeedSkillSlug } from './skills';

export interface SeedStage {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  /** In learning order, each with the priority this roadmap gives it. */
  readonly skills: readonly (readonly [SeedSkillSlug, SkillPriority])[];
}

export interface SeedRoadmap extends RoadmapDetails {
  readonly slug: string;
  readonly stages: readonly SeedStage[];
}
