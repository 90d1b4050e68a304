import type { SeedRoadmap } from './seed-roadmap';

/** Seed 000: ten steps on AWS ending in RAG. The page gives no priorities, so every step is essential. */
export const BACKEND_AWS: SeedRoadmap = {
  slug: 'backend-aws',
  title: 'Backend on AWS: from foundations to RAG',
  summary:
    'A ten-step route from networking and data basics to production systems on AWS, covering service boundaries, asynchronous flows, storage, delivery, coordination, operations, security and retrieval-augmented AI, with a capstone at the end.',
  kind: 'role',
  tags: ['AWS', 'DynamoDB', 'Redis', 'OpenSearch', 'Bedrock'],
  stages: [
    {
      id: 'foundations',
      title: 'Build your foundations',
      summary: 'The computer-science and networking basics every distributed service leans on, plus making repeated calls harmless.',
      skills: [
        ['data-structures-algorithms', 'essential'],
        ['http', 'essential'],
        ['concurrency', 'essential'],
        ['idempotency', 'essential'],
      ],
    },
    {
      id: 'expose-and-connect',
      title: 'Expose & connect services on AWS',
      summary: 'Choose an API style, then publish services behind the AWS gateways and load balancers and let them find each other.',
      skills: [
        ['rest-api', 'essential'],
        ['graphql-grpc', 'essential'],
        ['aws-service-connectivity', 'essential'],
      ],
    },
    {
      id: 'async-messaging',
      title: 'Go asynchronous: messaging & streaming',
      summary: 'Move work out of the request with the AWS queueing, notification, event-bus and streaming services.',
      skills: [
        ['message-queues', 'essential'],
        ['aws-messaging', 'essential'],
      ],
    },
    {
      id: 'data-layer',
      title: 'Master the data layer',
      summary: 'Pick the right store for each access pattern, relational or not, and learn how AWS spreads, copies, caches and indexes data.',
      skills: [
        ['sql', 'essential'],
        ['nosql', 'essential'],
        ['caching', 'essential'],
        ['aws-data-services', 'essential'],
      ],
    },
    {
      id: 'package-and-deploy',
      title: 'Package, deploy & automate',
      summary: 'Turn code into running services on AWS with reproducible infrastructure and a pipeline that releases every change.',
      skills: [
        ['docker', 'essential'],
        ['ci-cd', 'essential'],
        ['infrastructure-as-code', 'essential'],
        ['aws-deployment', 'essential'],
      ],
    },
    {
      id: 'transactions-and-coordination',
      title: 'Transactions & coordination',
      summary: 'Keep data consistent when one business action spans several services and stores.',
      skills: [
        ['saga', 'essential'],
        ['outbox-inbox', 'essential'],
        ['distributed-locks', 'essential'],
        ['aws-step-functions', 'essential'],
      ],
    },
    {
      id: 'observability-and-resilience',
      title: 'Observability & resilience',
      summary: 'See inside running services and prove they survive failures and traffic peaks.',
      skills: [
        ['observability', 'essential'],
        ['resilience-testing', 'essential'],
        ['aws-observability', 'essential'],
      ],
    },
    {
      id: 'security',
      title: 'Secure everything',
      summary: 'Give every component only the access it needs, verify every caller and encrypt data wherever it sits or moves.',
      skills: [
        ['authentication-authorization', 'essential'],
        ['transport-data-security', 'essential'],
        ['aws-security', 'essential'],
      ],
    },
    {
      id: 'rag',
      title: 'Integrate AI with RAG',
      summary: 'Answer questions from your own documents by pairing a vector index with a hosted model, with guardrails around both.',
      skills: [
        ['rag', 'essential'],
        ['aws-ai-services', 'essential'],
      ],
    },
    {
      id: 'capstone',
      title: 'Capstone',
      summary: 'One realistic system that uses every step above and that you can defend in an interview.',
      skills: [['aws-capstone', 'essential']],
    },
  ],
};
