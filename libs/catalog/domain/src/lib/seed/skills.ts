import type { Resource } from '../resource';
import type { MarketSignals, SignalLevel } from '../skill';

export interface SeedSkill {
  readonly name: string;
  readonly description: string;
  readonly signals?: MarketSignals;
  /** Attached to the skill in every seeded roadmap that places it. */
  readonly resources?: readonly Resource[];
}

// Seed 001 does not date its readings; this is the day the seed documents entered the project.
const AI_ERA_AS_OF = '2026-11-21';
const AI_ERA_SOURCE = 'CareerGo roadmap "Backend Engineer (AI era)"';

function aiEra(importance: SignalLevel, marketDemand: SignalLevel, automationRisk: SignalLevel): MarketSignals {
  const reading = (level: SignalLevel) => ({ level, source: AI_ERA_SOURCE, asOf: AI_ERA_AS_OF });
  return { importance: reading(importance), marketDemand: reading(marketDemand), automationRisk: reading(automationRisk) };
}

const docs = (title: string, url: string): Resource => ({ title, url, type: 'docs', free: true });
const article = (title: string, url: string): Resource => ({ title, url, type: 'article', free: true });
const book = (title: string, url: string): Resource => ({ title, url, type: 'book', free: true });

/**
 * One entry per skill, shared by every seeded roadmap: the slug is the stable id
 * (`git` → `skill:git`), so "Git" is the same skill in each roadmap that teaches it.
 * Names come from the seed documents; descriptions are our own.
 */
const skills = {
  // Fundamentals and language
  http: {
    name: 'How the internet and HTTP work',
    description: 'Follow a request from the DNS lookup through the TLS handshake to the response, and know what methods, status codes and headers tell each side.',
    signals: aiEra('high', 'high', 'medium'),
    resources: [docs('MDN: HTTP', 'https://developer.mozilla.org/en-US/docs/Web/HTTP')],
  },
  linux: {
    name: 'Linux and the command line',
    description: 'Get around a server from a terminal: files and permissions, processes, environment variables and small shell scripts.',
    resources: [book('The Linux Command Line', 'https://linuxcommand.org/tlcl.php')],
  },
  git: {
    name: 'Git and GitHub',
    description: 'Record work in small commits, branch, merge or rebase, and bring changes in through reviewed pull requests.',
    signals: aiEra('high', 'high', 'low'),
    resources: [docs('Git documentation and the Pro Git book', 'https://git-scm.com/doc')],
  },
  'language-choice': {
    name: 'Choosing your primary language',
    description: 'Pick one of Go, Python, Java or TypeScript on Node by the jobs you are aiming for, and stay with it long enough to get good.',
  },
  'language-proficiency': {
    name: 'Core language proficiency',
    description: 'Write idiomatic code in your language: its type system, error handling, modules and package manager.',
    signals: aiEra('high', 'high', 'low'),
    resources: [docs('A Tour of Go', 'https://go.dev/tour/'), docs('The TypeScript Handbook', 'https://www.typescriptlang.org/docs/handbook/')],
  },
  concurrency: {
    name: 'Concurrency and async',
    description: 'Understand how your runtime does several things at once (threads, goroutines or an event loop) and how to avoid races, deadlocks and blocked requests.',
  },
  'data-structures-algorithms': {
    name: 'Data structures, algorithms and Big-O',
    description: 'Know arrays, hash maps, trees, heaps and graphs well enough to pick the right one and estimate how a piece of code scales with its input.',
  },

  // APIs
  'web-framework': {
    name: 'A web framework for your language',
    description: 'Build on a mainstream framework such as NestJS, FastAPI, Spring Boot or Gin, and understand what it does between the socket and your handler.',
    resources: [docs('NestJS documentation', 'https://docs.nestjs.com/')],
  },
  'rest-api': {
    name: 'REST API design and OpenAPI',
    description: 'Model resources and verbs, choose status codes, paginate, version and make retries safe, then describe the contract in an OpenAPI document.',
    signals: aiEra('high', 'high', 'medium'),
    resources: [docs('OpenAPI Specification', 'https://spec.openapis.org/oas/latest.html')],
  },
  'input-validation': {
    name: 'Input validation and error handling',
    description: 'Check every request against a schema at the boundary, tell client mistakes from server faults, and answer both with one predictable error format.',
    resources: [article('OWASP Input Validation Cheat Sheet', 'https://cheatsheetseries.owasp.org/cheatsheets/Input_Validation_Cheat_Sheet.html')],
  },
  'graphql-grpc': {
    name: 'GraphQL and gRPC',
    description: 'Know when a client-shaped GraphQL API or a compact, schema-first gRPC call serves better than plain REST, and what each one costs.',
    resources: [docs('Learn GraphQL', 'https://graphql.org/learn/'), docs('gRPC documentation', 'https://grpc.io/docs/')],
  },

  // Data
  sql: {
    name: 'SQL and relational modeling',
    description: 'Design tables, keys and constraints, normalize where it helps, and write joins and aggregations with confidence.',
    signals: aiEra('high', 'high', 'low'),
    resources: [docs('PostgreSQL documentation', 'https://www.postgresql.org/docs/')],
  },
  'database-indexing': {
    name: 'Indexing, query performance and EXPLAIN',
    description: 'Read a query plan, add the index a slow query lacks, and weigh what every index costs on writes.',
    signals: aiEra('high', 'high', 'low'),
    resources: [book('Use The Index, Luke', 'https://use-the-index-luke.com/')],
  },
  'database-transactions': {
    name: 'Transactions, ACID and isolation levels',
    description: 'Keep data right when writes race: atomic units of work, isolation levels, and how MVCC lets readers and writers proceed side by side.',
    signals: aiEra('high', 'high', 'low'),
    resources: [docs('PostgreSQL: transaction isolation', 'https://www.postgresql.org/docs/current/transaction-iso.html')],
  },
  nosql: {
    name: 'NoSQL and when to use it',
    description: 'Match document, key-value and search stores to the access patterns they suit, and weigh their consistency trade-offs against a relational default.',
  },
  'orm-migrations': {
    name: 'ORMs and migrations',
    description: 'Change a schema through versioned migrations, use an ORM without fighting it, and catch N+1 queries and other surprises in generated SQL.',
  },

  // Security
  'authentication-authorization': {
    name: 'Authentication and authorization',
    description: 'Establish who is calling and decide what they may do, with sessions or signed tokens and the OAuth 2 and OpenID Connect flows.',
    signals: aiEra('high', 'high', 'low'),
    resources: [docs('OAuth 2.0', 'https://oauth.net/2/')],
  },
  'owasp-api-security': {
    name: 'OWASP API Security Top 10',
    description: 'Know the API weaknesses attackers exploit most, above all missing object- and function-level authorization, and check access on every call.',
    signals: aiEra('high', 'high', 'low'),
    resources: [docs('OWASP API Security Project', 'https://owasp.org/www-project-api-security/')],
  },
  'transport-data-security': {
    name: 'Transport and data security',
    description: 'Serve only over TLS, keep secrets out of the code base, store passwords with a slow adaptive hash and throttle clients that misbehave.',
    signals: aiEra('high', 'high', 'low'),
    resources: [article('OWASP Password Storage Cheat Sheet', 'https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html')],
  },

  // Async and delivery
  caching: {
    name: 'Caching with Redis',
    description: 'Serve hot reads from memory with cache-aside or write-through, pick TTLs deliberately and evict entries when the source of truth changes.',
    signals: aiEra('medium', 'high', 'low'),
    resources: [docs('Redis documentation', 'https://redis.io/docs/latest/')],
  },
  'message-queues': {
    name: 'Message queues and event-driven architecture',
    description: 'Connect services through work queues and publish/subscribe topics on brokers such as Kafka or RabbitMQ, with consumers that cope with redelivery.',
    signals: aiEra('medium', 'high', 'low'),
    resources: [docs('Apache Kafka documentation', 'https://kafka.apache.org/documentation/')],
  },
  docker: {
    name: 'Docker and containers',
    description: 'Package a service with its dependencies into a lean image using multi-stage builds, and start a local stack of services with Compose.',
    signals: aiEra('high', 'high', 'medium'),
    resources: [docs('Docker documentation', 'https://docs.docker.com/')],
  },
  'ci-cd': {
    name: 'CI/CD pipelines',
    description: 'Lint, test and build on every push, and release what passes without manual steps, for example with GitHub Actions.',
    signals: aiEra('high', 'medium', 'high'),
    resources: [docs('GitHub Actions documentation', 'https://docs.github.com/en/actions')],
  },
  'cloud-fundamentals': {
    name: 'Cloud fundamentals',
    description: "Learn one provider's building blocks: compute, object storage, managed databases, networking, and identity and access management.",
  },
  kubernetes: {
    name: 'Kubernetes',
    description: 'Run containers on a cluster with pods, deployments and services, and let the cluster restart, roll out and scale them.',
    signals: aiEra('high', 'high', 'medium'),
    resources: [docs('Kubernetes documentation', 'https://kubernetes.io/docs/home/')],
  },
  'infrastructure-as-code': {
    name: 'Infrastructure as code',
    description: 'Describe cloud resources in versioned files with Terraform, CDK or CloudFormation, review the planned change, then apply it.',
    resources: [docs('Terraform documentation', 'https://developer.hashicorp.com/terraform/docs')],
  },

  // Quality and operations
  testing: {
    name: 'Testing',
    description: 'Cover code with unit, integration and end-to-end tests, use fakes where they pay off, and treat tests as part of every change.',
    signals: aiEra('high', 'medium', 'high'),
    resources: [article('The Practical Test Pyramid', 'https://martinfowler.com/articles/practical-test-pyramid.html')],
  },
  observability: {
    name: 'Observability: logs, metrics and traces',
    description: 'Emit structured logs, metrics and distributed traces with OpenTelemetry, and build the dashboards and alerts that point to the failing part.',
    signals: aiEra('high', 'high', 'low'),
    resources: [docs('OpenTelemetry documentation', 'https://opentelemetry.io/docs/')],
  },
  'resilience-testing': {
    name: 'Chaos and load testing',
    description: 'Find limits and failure modes before users do: inject faults on purpose and push realistic load with tools such as k6.',
  },

  // System design and distributed systems
  scalability: {
    name: 'Scalability fundamentals',
    description: 'Grow a system with load balancers, read replicas, sharding, more instances and CDNs, and know which bottleneck each one removes.',
    resources: [article('The System Design Primer', 'https://github.com/donnemartin/system-design-primer')],
  },
  'system-design': {
    name: 'System design',
    description: 'Sketch a system by weighing trade-offs, consistency models and capacity, and defend the choices in a design review.',
    signals: aiEra('high', 'high', 'low'),
  },
  microservices: {
    name: 'Microservices, monoliths and service communication',
    description: 'Decide where a service boundary pays for itself, whether services call each other or exchange events, and what an API gateway handles at the edge.',
    resources: [article('Microservice architecture patterns', 'https://microservices.io/patterns/')],
  },
  idempotency: {
    name: 'Idempotency and safe retries',
    description: 'Make repeated requests and redelivered messages harmless, with idempotency keys and deduplication, so that clients and brokers can retry freely.',
    resources: [docs('The Idempotency-Key HTTP header (IETF draft)', 'https://datatracker.ietf.org/doc/draft-ietf-httpapi-idempotency-key-header/')],
  },
  'outbox-inbox': {
    name: 'Transactional outbox and inbox',
    description: 'Publish an event in the same database transaction as the change behind it, and apply incoming events once by recording them in an inbox.',
    signals: aiEra('medium', 'high', 'low'),
    resources: [article('Pattern: Transactional outbox', 'https://microservices.io/patterns/data/transactional-outbox.html')],
  },
  saga: {
    name: 'Sagas: orchestration and choreography',
    description: 'Run a business transaction across services as local steps with compensating actions, directed by an orchestrator or by reacting to events.',
    resources: [article('Pattern: Saga', 'https://microservices.io/patterns/data/saga.html')],
  },
  'distributed-locks': {
    name: 'Distributed locks and conditional writes',
    description: 'Guard a shared resource across instances with leases, conditional writes or Redis locks, and know the situations in which each of them fails.',
  },
  'cqrs-event-sourcing': {
    name: 'CQRS and event sourcing',
    description: 'Keep every change as an append-only stream of events and answer queries from projections shaped for each read.',
    resources: [article('CQRS', 'https://martinfowler.com/bliki/CQRS.html'), article('Event Sourcing', 'https://martinfowler.com/eaaDev/EventSourcing.html')],
  },
  'layered-architecture': {
    name: 'Separating transport from business logic',
    description: 'Keep controllers thin: they translate HTTP, services run the use cases, and business rules never depend on how a request arrived.',
  },
  'rate-limiting': {
    name: 'Rate limiting and fairness',
    description: 'Protect shared capacity with per-client quotas and token buckets, keep limits fair between tenants, and tell clients when to come back.',
    resources: [docs('RateLimit header fields for HTTP (IETF draft)', 'https://datatracker.ietf.org/doc/draft-ietf-httpapi-ratelimit-headers/')],
  },
  'circuit-breaker': {
    name: 'Circuit breakers',
    description: 'Stop calling a dependency that keeps failing, fail fast or degrade meanwhile, and probe carefully before trusting it again.',
    resources: [article('CircuitBreaker', 'https://martinfowler.com/bliki/CircuitBreaker.html')],
  },

  // AI
  'llm-services': {
    name: 'LLM-backed services',
    description: 'Integrate hosted language models into server code: stream partial answers, retry within limits, keep token spend under a budget and treat model input as untrusted.',
    signals: aiEra('high', 'high', 'low'),
  },
  rag: {
    name: 'LLM APIs with a vector store (RAG)',
    description: 'Ground model answers in your own documents: embed them, store the vectors in pgvector or a managed store, fetch the nearest ones and put them in the prompt.',
  },
  'capstone-project': {
    name: 'Capstone portfolio project',
    description: 'Ship one system end to end (containerized API, database, cache, login and a deploy pipeline) and explain its design in the README.',
  },

  // AWS
  'aws-service-connectivity': {
    name: 'Exposing and connecting services on AWS',
    description: 'Put services behind API Gateway and an Application Load Balancer, and let them find each other through Cloud Map or App Mesh.',
  },
  'aws-messaging': {
    name: 'Messaging and streaming on AWS',
    description: 'Choose between SQS queues, SNS fan-out, EventBridge routing and Kinesis or MSK streams for work that need not happen inside the request.',
  },
  'aws-data-services': {
    name: 'Data services on AWS',
    description: 'Put each kind of data where its reads and writes fit best: Aurora, DynamoDB, ElastiCache, OpenSearch or S3.',
  },
  'aws-deployment': {
    name: 'Deploying on AWS',
    description: 'Run containers on ECS with Fargate or on EKS and functions on Lambda, keep images in ECR, and automate releases with CDK and CodePipeline.',
    resources: [docs('Amazon ECS developer guide', 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/')],
  },
  'aws-step-functions': {
    name: 'Workflows with AWS Step Functions',
    description: 'Describe a multi-step business process as a state machine with retries, timeouts and compensation, and let AWS run it.',
  },
  'aws-observability': {
    name: 'Observability on AWS',
    description: 'Gather metrics, logs and traces with CloudWatch and X-Ray, and rehearse failures with the Fault Injection Service.',
  },
  'aws-security': {
    name: 'Security on AWS',
    description: 'Grant least privilege with IAM, sign users in with Cognito, encrypt with KMS, keep secrets in Secrets Manager and filter traffic with WAF and Shield.',
    resources: [docs('AWS IAM user guide', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/')],
  },
  'aws-ai-services': {
    name: 'AI services on AWS',
    description: 'Pull text out of documents with Textract and embed and generate with Bedrock models to build retrieval features on AWS.',
  },
  'aws-capstone': {
    name: 'AWS capstone',
    description: 'Combine the whole path in one realistic system: several services, background workers, mixed data stores, full tracing, strict security and a RAG feature.',
  },
} satisfies Record<string, SeedSkill>;

export type SeedSkillSlug = keyof typeof skills;

export const SEED_SKILLS: Readonly<Record<SeedSkillSlug, SeedSkill>> = skills;
