import { recommendation, prerequisitesMet, type Recommendation } from './recommendation';
import { InvalidLimitError } from './recommender.errors';
import { compiledRoadmap, type PlacedSkill, type RoadmapGraph, type SkillPriority } from './roadmap-graph';
import { isDone, isOpen, statusOf, type LearnerSkills, type OpenStatus } from './skill-status';

export interface WaitingSkill {
  readonly skillId: string;
  readonly name: string;
  readonly stageId: string;
  readonly stageTitle: string;
  readonly priority: SkillPriority;
  readonly status: OpenStatus;
  /** Prerequisites not completed or known yet, sorted; may name skills of other roadmaps. */
  readonly waitingFor: readonly string[];
}

export interface RecommendOptions {
  /** Keep only the first `limit` ready skills, after ranking. Default: all. */
  readonly limit?: number;
  /** Also list the open skills that are not ready yet. Default: false. */
  readonly includeWaiting?: boolean;
}

export interface NextSkills {
  readonly ready: readonly Recommendation[];
  /** Empty unless `includeWaiting`; ordered by stage position, position in the stage, skill id. */
  readonly waiting: readonly WaitingSkill[];
}

/**
 * The outer fringe of what the learner knows: open skills (pending or in progress) whose
 * prerequisites are all completed or known, in-progress ones first, then by the static ranking.
 * A prerequisite outside this roadmap counts by the learner's status, since skill ids are global.
 */
export function recommendNext(roadmap: RoadmapGraph, learner: LearnerSkills, options: RecommendOptions = {}): NextSkills {
  const limit = options.limit ?? Infinity;
  if (!(limit === Infinity || (Number.isInteger(limit) && limit >= 0))) throw new InvalidLimitError(limit);

  const started: PlacedSkill[] = [];
  const fresh: PlacedSkill[] = [];
  const waiting: { skill: PlacedSkill; status: OpenStatus; waitingFor: string[] }[] = [];
  for (const skill of compiledRoadmap(roadmap).byRank) {
    const status = statusOf(learner, skill.skillId);
    if (!isOpen(status)) continue;
    const waitingFor = skill.requires.filter((required) => !isDone(statusOf(learner, required)));
    if (waitingFor.length === 0) (status === 'in-progress' ? started : fresh).push(skill);
    else if (options.includeWaiting) waiting.push({ skill, status, waitingFor });
  }

  const ranked = started.concat(fresh).slice(0, limit);
  return {
    ready: ranked.map((skill, index) => recommendation(skill, index < started.length ? 'in-progress' : 'pending', index + 1, prerequisitesMet(skill))),
    waiting: waiting
      .sort((a, b) => a.skill.placementIndex - b.skill.placementIndex)
      .map(({ skill, status, waitingFor }) => ({
        skillId: skill.skillId,
        name: skill.name,
        stageId: skill.stageId,
        stageTitle: skill.stageTitle,
        priority: skill.priority,
        status,
        waitingFor,
      })),
  };
}
