import type { SeedRoadmap } from './seed-roadmap';

/**
 * Seed 003: three levels of backend patterns. Beginner skills come from the level's focus list,
 * the others from the articles each level names. The page gives no priorities: all essential.
 */
export const BACKEND_PATTERNS_PATH: SeedRoadmap = {
  slug: 'backend-patterns-path',
  title: 'Backend Learning Path: Beginner to Advanced',
  summary:
    'Start with a well-structured API, add protection against overload and duplicate requests, and reach for distributed workflows last, when the system really needs them.',
  kind: 'skill',
  tags: ['Kafka', 'Redis', 'Resilience4j'],
  stages: [
    {
      id: 'beginner',
      title: 'Beginner: build a solid API foundation',
      summary: 'Check what arrives, decide what leaves, and give each layer one job so the domain logic does not know about HTTP.',
      skills: [
        ['input-validation', 'essential'],
        ['layered-architecture', 'essential'],
      ],
    },
    {
      id: 'intermediate',
      title: 'Intermediate: resilience and safe mutation',
      summary: 'Keep one noisy client from starving the rest, survive retried writes and stay responsive while something downstream is down.',
      skills: [
        ['rate-limiting', 'essential'],
        ['idempotency', 'essential'],
        ['circuit-breaker', 'essential'],
        ['caching', 'essential'],
      ],
    },
    {
      id: 'advanced',
      title: 'Advanced: distributed architecture and workflow control',
      summary: 'Split a system into services that each own their data, keep them consistent over time with events and compensating steps, and trace work that crosses them.',
      skills: [
        ['message-queues', 'essential'],
        ['outbox-inbox', 'essential'],
        ['saga', 'essential'],
        ['microservices', 'essential'],
        ['cqrs-event-sourcing', 'essential'],
      ],
    },
  ],
};
