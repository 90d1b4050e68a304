import type { SeedRoadmap } from './seed-roadmap';

/** Seed 002: nine stages, 32 skills, each with the priority the page gives it. */
export const BACKEND: SeedRoadmap = {
  slug: 'backend',
  title: 'Backend Engineer',
  summary:
    'Everything employers expect from a server-side engineer, in learning order: fundamentals, one language in depth, APIs, databases, security, asynchronous work, delivery, quality and system design.',
  kind: 'role',
  tags: ['Go', 'Postgres', 'Docker', 'Redis', 'GraphQL'],
  stages: [
    {
      id: 'fundamentals',
      title: 'Computing & Internet Fundamentals',
      summary: 'Networking, the operating system under your service and version control: the basics you will use every day from here on.',
      skills: [
        ['http', 'essential'],
        ['linux', 'essential'],
        ['git', 'essential'],
      ],
    },
    {
      id: 'one-language',
      title: 'Pick ONE Language & Go Deep',
      summary: 'Go deep in one language instead of sampling four: its type system, how it reports errors, its package tooling and how it runs work concurrently.',
      skills: [
        ['language-choice', 'essential'],
        ['language-proficiency', 'essential'],
        ['concurrency', 'essential'],
        ['data-structures-algorithms', 'recommended'],
      ],
    },
    {
      id: 'apis',
      title: 'Build Real APIs',
      summary: 'Turn the language into a working web service with a framework, a documented contract and strict checks on input.',
      skills: [
        ['web-framework', 'essential'],
        ['rest-api', 'essential'],
        ['input-validation', 'essential'],
        ['graphql-grpc', 'recommended'],
      ],
    },
    {
      id: 'databases',
      title: 'Databases (Relational First)',
      summary: 'The centre of most backend work: relational design and SQL first, then performance, consistency under concurrency and the cases where a different kind of store wins.',
      skills: [
        ['sql', 'essential'],
        ['database-indexing', 'essential'],
        ['database-transactions', 'essential'],
        ['nosql', 'recommended'],
        ['orm-migrations', 'recommended'],
      ],
    },
    {
      id: 'security',
      title: 'Authentication, Authorization & Security',
      summary: 'Know who is calling, check what they may reach on each request and protect data in transit and at rest, before any work on scale.',
      skills: [
        ['authentication-authorization', 'essential'],
        ['owasp-api-security', 'essential'],
        ['transport-data-security', 'essential'],
      ],
    },
    {
      id: 'async',
      title: 'Caching, Queues & Async Processing',
      summary: 'Keep hot data in memory, hand long-running jobs to background workers and connect services with events instead of direct calls.',
      skills: [
        ['caching', 'essential'],
        ['message-queues', 'recommended'],
      ],
    },
    {
      id: 'delivery',
      title: 'Containers, Cloud & CI/CD',
      summary: 'Containers, one cloud provider and automated pipelines: the baseline for getting a service into production.',
      skills: [
        ['docker', 'essential'],
        ['ci-cd', 'essential'],
        ['cloud-fundamentals', 'essential'],
        ['kubernetes', 'recommended'],
        ['infrastructure-as-code', 'optional'],
      ],
    },
    {
      id: 'quality',
      title: 'Testing, Observability & Reliability',
      summary: 'Automated tests before release and logs, metrics and traces after it, so that problems are caught early and diagnosed fast.',
      skills: [
        ['testing', 'essential'],
        ['observability', 'essential'],
      ],
    },
    {
      id: 'system-design',
      title: 'System Design & Distributed Systems (Job-Ready)',
      summary: 'Plan for rising load and for parts that fail across many services, then bring every earlier stage together in a deployed project.',
      skills: [
        ['scalability', 'essential'],
        ['microservices', 'recommended'],
        ['rag', 'recommended'],
        ['capstone-project', 'essential'],
      ],
    },
  ],
};
