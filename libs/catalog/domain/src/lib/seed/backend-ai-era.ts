import type { SeedRoadmap } from './seed-roadmap';

/**
 * Seed 001: ten steps. The page gives signals, not priorities: a step of high importance is
 * essential here and one of medium importance recommended. The signals themselves live on the
 * skills (see skills.ts), since they describe the skill wherever it is taught.
 */
export const BACKEND_AI_ERA: SeedRoadmap = {
  slug: 'backend-ai-era',
  title: 'Backend Engineer (AI era)',
  summary:
    'Ten steps for backend work in a world of AI tools, each rated for its importance, how much employers ask for it and how likely it is to be automated.',
  kind: 'role',
  tags: ['Go', 'TypeScript', 'Python', 'Postgres', 'Redis'],
  stages: [
    {
      id: 'typed-language-and-git',
      title: 'A typed language + git',
      summary: 'Get comfortable with a statically typed language and with committing, branching and reviewing code in Git.',
      skills: [
        ['language-proficiency', 'essential'],
        ['git', 'essential'],
      ],
    },
    {
      id: 'http-and-rest',
      title: 'HTTP & REST APIs',
      summary: 'Design endpoints clients can rely on: clear status codes, safe retries, paging through large results and a plan for versions.',
      skills: [
        ['http', 'essential'],
        ['rest-api', 'essential'],
      ],
    },
    {
      id: 'relational-databases',
      title: 'Relational databases & SQL',
      summary: 'Model tables well and keep queries fast and safe when writes overlap; PostgreSQL is where to practise.',
      skills: [
        ['sql', 'essential'],
        ['database-indexing', 'essential'],
        ['database-transactions', 'essential'],
      ],
    },
    {
      id: 'auth-and-security',
      title: 'Auth & security',
      summary: 'Sign users in, check what they may touch on every request and store credentials safely, using proven libraries rather than home-made cryptography.',
      skills: [
        ['authentication-authorization', 'essential'],
        ['owasp-api-security', 'essential'],
        ['transport-data-security', 'essential'],
      ],
    },
    {
      id: 'testing-and-ci',
      title: 'Testing & CI',
      summary: 'Automated checks at several levels on every change; generated tests are cheap, so the skill is choosing what they must prove.',
      skills: [
        ['testing', 'essential'],
        ['ci-cd', 'essential'],
      ],
    },
    {
      id: 'caching-and-queues',
      title: 'Caching & message queues',
      summary: 'Serve repeated reads from memory and move work onto queues whose consumers survive duplicates, publishing reliably through an outbox.',
      skills: [
        ['caching', 'recommended'],
        ['message-queues', 'recommended'],
        ['outbox-inbox', 'recommended'],
      ],
    },
    {
      id: 'observability',
      title: 'Observability',
      summary: 'Instrument services so that a slow or failing request can be followed from the edge to the database.',
      skills: [['observability', 'essential']],
    },
    {
      id: 'containers-and-deployment',
      title: 'Containers & deployment',
      summary: 'Build an image once, store it, and run that same artifact in every environment on a cluster or a hosting platform.',
      skills: [
        ['docker', 'essential'],
        ['kubernetes', 'essential'],
      ],
    },
    {
      id: 'system-design',
      title: 'System design',
      summary: 'Sketch whole systems and justify the choices: where data lives, how fresh it must be and how much load it must carry.',
      skills: [['system-design', 'essential']],
    },
    {
      id: 'llm-services',
      title: 'LLM-backed services',
      summary: 'Put a language model behind your own API with streamed output, bounded retries, a spending cap and guards against hostile prompts.',
      skills: [['llm-services', 'essential']],
    },
  ],
};
