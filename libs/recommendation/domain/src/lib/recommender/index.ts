export { pathToGoal, type GoalPath } from './path-to-goal';
export type { Reason, ReasonCode, SignalCode } from './reasons';
export { recommendNext, type NextSkills, type RecommendOptions, type WaitingSkill } from './recommend-next';
export type { Recommendation } from './recommendation';
export * from './recommender.errors';
export { marketScore, type MarketSignal, type RoadmapGraph, type SignalLevel, type SkillPriority, type SkillSignals, type Unlocks } from './roadmap-graph';
export { mergeSkillStatuses, type LearnerSkills, type OpenStatus, type SkillStatus } from './skill-status';
