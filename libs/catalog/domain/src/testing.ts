// Test builders for the catalog domain. Specs only; production code imports from index.ts.
import { DomainError } from '@pathwise/shared/domain';
import { Roadmap, Skill, skillIdFor, type MarketSignals, type RoadmapDetails } from './index';

export const T0 = new Date('2026-01-05T09:00:00.000Z');

export function aSkill(overrides: Partial<{ slug: string; name: string; description: string; signals: MarketSignals }> = {}): Skill {
  return Skill.create({ slug: 'git', name: 'Git', description: 'Version control for code and teams.', ...overrides });
}

export function aRoadmapDraft(overrides: Partial<{ slug: string } & RoadmapDetails> = {}): Roadmap {
  return Roadmap.create({ slug: 'backend-basics', title: 'Backend basics', summary: 'A short path used in tests.', kind: 'role', tags: ['Go'], ...overrides });
}

/** Two stages, three skills (`http`, `git`, `rest-api`) and `rest-api` requiring `http`: publishable as is. */
export function aPublishableDraft(overrides: Partial<{ slug: string } & RoadmapDetails> = {}): Roadmap {
  const roadmap = aRoadmapDraft(overrides);
  roadmap.addStage({ id: 'foundations', title: 'Foundations', summary: 'How the web works.' }, roadmap.revision);
  roadmap.addSkill('foundations', { skillId: skillIdFor('http'), priority: 'essential' }, roadmap.revision);
  roadmap.addSkill('foundations', { skillId: skillIdFor('git'), priority: 'recommended' }, roadmap.revision);
  roadmap.addStage({ id: 'apis', title: 'APIs' }, roadmap.revision);
  roadmap.addSkill('apis', { skillId: skillIdFor('rest-api'), priority: 'essential' }, roadmap.revision);
  roadmap.setPrerequisites(skillIdFor('rest-api'), [skillIdFor('http')], roadmap.revision);
  return roadmap;
}

/** Published as version 1, with its events already drained. */
export function aPublishedRoadmap(now = T0): Roadmap {
  const roadmap = aPublishableDraft();
  roadmap.publish(now, roadmap.revision);
  roadmap.pullEvents();
  return roadmap;
}

/** The domain error `action` throws; fails the test when it throws something else or nothing. */
export function domainErrorFrom(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('Expected a domain error, but nothing was thrown');
}
