/**
 * How each seeded skill is written in resumes and job ads, keyed by skill id. Matching is whole
 * token and case-insensitive unless SEED_ALIAS_RULES says otherwise; spaces and hyphens inside an
 * alias are interchangeable ("micro services" = "micro-services"), and a version number may
 * follow one ("Python3", "Oracle 10g"). A skill is named by tools and practices, not by the
 * catalog's wording, because resumes list tools.
 */
export const SEED_SKILL_ALIASES: Readonly<Record<string, readonly string[]>> = {
  'skill:http': ['HTTP', 'HTTPS', 'HTTP/2', 'TCP/IP', 'DNS', 'HTTP protocol'],
  'skill:linux': ['Linux', 'Unix', 'Red Hat', 'RedHat', 'RHEL', 'Ubuntu', 'Debian', 'CentOS', 'Fedora', 'SUSE', 'Solaris', 'AIX', 'HP-UX', 'Bash', 'shell scripting', 'shell scripts', 'shell script', 'Unix shell', 'command line'],
  'skill:git': ['Git', 'GitHub', 'GitLab', 'Bitbucket'],
  'skill:language-choice': ['primary language', 'language of choice', 'programming language of choice'],
  'skill:language-proficiency': [
    'Java', 'Core Java', 'Python', 'Go', 'Golang', 'C#', 'C++', 'C', 'JavaScript', 'Java Script', 'TypeScript', 'Node.js', 'NodeJS', 'Node JS', 'PHP', 'Ruby', 'Scala', 'Kotlin',
    'Rust', 'Swift', 'Perl', 'R', 'Elixir', 'Haskell', 'Clojure', 'Erlang', 'F#', 'Objective-C', 'Dart', 'Groovy', 'Visual Basic', 'VB.NET', 'Lua', 'COBOL', 'Fortran', 'Pascal', 'Delphi',
  ],
  'skill:concurrency': ['concurrency', 'multithreading', 'multi-threading', 'multithreaded', 'concurrent programming', 'threading', 'asynchronous programming', 'async/await', 'goroutines', 'parallel programming', 'Executor framework'],
  'skill:data-structures-algorithms': ['data structures', 'algorithms', 'DSA', 'Big-O', 'Big O notation', 'algorithm design'],
  'skill:web-framework': [
    'Spring', 'Spring Boot', 'Spring MVC', 'Spring Framework', 'Django', 'Flask', 'FastAPI', 'Express', 'Express.js', 'ExpressJS', 'NestJS', 'Ruby on Rails', 'Rails', 'Laravel', 'CodeIgniter',
    'Symfony', 'CakePHP', 'Zend', 'Yii', 'ASP.NET', 'ASP.NET MVC', 'ASP.NET Core', 'Struts', 'JSF', 'J2EE', 'Java EE', 'JEE', 'Servlets', 'Servlet', 'JSP', 'Gin', 'Play Framework', 'Grails', 'Koa', 'Fastify',
  ],
  'skill:rest-api': ['REST', 'RESTful', 'REST API', 'REST APIs', 'RESTful web services', 'RESTful services', 'REST services', 'Web API', 'OpenAPI', 'Swagger', 'JAX-RS', 'Postman'],
  'skill:input-validation': ['input validation', 'form validation', 'Bean Validation', 'Hibernate Validator', 'JSON Schema', 'Joi', 'Zod', 'error handling', 'exception handling'],
  'skill:graphql-grpc': ['GraphQL', 'gRPC', 'Protocol Buffers', 'Protobuf', 'Apollo GraphQL'],
  'skill:sql': ['SQL', 'PostgreSQL', 'Postgres', 'MySQL', 'Oracle', 'Oracle DB', 'T-SQL', 'PL/SQL', 'SQL Server', 'MS SQL', 'MSSQL', 'MS SQL Server', 'SQLite', 'DB2', 'MariaDB', 'Sybase', 'Teradata', 'RDBMS', 'relational databases', 'relational database'],
  'skill:database-indexing': ['database indexing', 'indexing', 'query optimization', 'query optimisation', 'query tuning', 'SQL tuning', 'database tuning', 'execution plans', 'execution plan', 'query plans', 'EXPLAIN ANALYZE'],
  'skill:database-transactions': ['database transactions', 'transaction management', 'isolation levels', 'ACID', 'MVCC', 'JTA', 'two-phase commit'],
  'skill:nosql': ['NoSQL', 'MongoDB', 'Mongo', 'Cassandra', 'DynamoDB', 'Couchbase', 'CouchDB', 'HBase', 'Neo4j', 'Elasticsearch', 'Elastic Search', 'OpenSearch', 'Firestore'],
  'skill:orm-migrations': ['ORM', 'Hibernate', 'JPA', 'Entity Framework', 'NHibernate', 'Sequelize', 'TypeORM', 'Prisma', 'SQLAlchemy', 'MyBatis', 'iBatis', 'Liquibase', 'Flyway', 'Doctrine', 'database migrations', 'schema migrations'],
  'skill:authentication-authorization': ['authentication', 'authorization', 'authorisation', 'OAuth', 'OAuth 2.0', 'OpenID Connect', 'OIDC', 'JWT', 'SAML', 'SSO', 'single sign-on', 'LDAP', 'Spring Security', 'Keycloak', 'Okta', 'Auth0', 'Kerberos', 'RBAC'],
  'skill:owasp-api-security': ['OWASP', 'OWASP Top 10', 'application security', 'web application security', 'API security', 'security testing', 'penetration testing', 'vulnerability assessment', 'Burp Suite', 'SQL injection', 'XSS', 'CSRF'],
  'skill:transport-data-security': ['TLS', 'SSL', 'HTTPS', 'SSL/TLS', 'encryption', 'cryptography', 'bcrypt', 'PKI', 'network security', 'data security', 'secrets management'],
  'skill:caching': ['caching', 'Redis', 'Memcached', 'ElastiCache', 'Ehcache', 'Hazelcast', 'Varnish', 'cache-aside'],
  'skill:message-queues': [
    'message queues', 'message queue', 'message queuing', 'message broker', 'message brokers', 'Kafka', 'Apache Kafka', 'RabbitMQ', 'ActiveMQ', 'JMS', 'SQS', 'Amazon SQS', 'IBM MQ', 'WebSphere MQ',
    'MSMQ', 'ZeroMQ', 'Pub/Sub', 'publish/subscribe', 'event-driven architecture', 'event-driven', 'Kinesis', 'NATS',
  ],
  'skill:docker': ['Docker', 'Docker Compose', 'Dockerfile', 'containerization', 'containerisation', 'Podman'],
  'skill:ci-cd': ['CI/CD', 'CI-CD', 'Jenkins', 'continuous integration', 'continuous delivery', 'continuous deployment', 'Travis CI', 'CircleCI', 'GitHub Actions', 'GitLab CI', 'Bamboo', 'TeamCity', 'Azure DevOps', 'Argo CD', 'ArgoCD'],
  'skill:cloud-fundamentals': ['AWS', 'Amazon Web Services', 'Azure', 'Microsoft Azure', 'GCP', 'Google Cloud', 'Google Cloud Platform', 'cloud computing', 'Oracle Cloud', 'IBM Cloud', 'DigitalOcean', 'Heroku'],
  'skill:kubernetes': ['Kubernetes', 'K8s', 'OpenShift', 'EKS', 'AKS', 'GKE', 'Helm'],
  'skill:infrastructure-as-code': ['infrastructure as code', 'IaC', 'Terraform', 'CloudFormation', 'Ansible', 'Puppet', 'Pulumi', 'CDK', 'AWS CDK', 'SaltStack'],
  'skill:testing': [
    'testing', 'software testing', 'manual testing', 'unit testing', 'unit tests', 'integration testing', 'functional testing', 'regression testing', 'automation testing', 'test automation',
    'test cases', 'test case', 'test plans', 'test plan', 'test execution', 'JUnit', 'TestNG', 'NUnit', 'xUnit', 'Mockito', 'Selenium', 'Selenium WebDriver', 'Cucumber', 'Jest', 'Mocha', 'pytest',
    'QTP', 'UFT', 'TDD', 'test-driven development',
  ],
  'skill:observability': [
    'observability', 'distributed tracing', 'OpenTelemetry', 'Prometheus', 'Grafana', 'Splunk', 'ELK', 'ELK Stack', 'Kibana', 'Logstash', 'Nagios', 'Zabbix', 'New Relic', 'Datadog', 'Dynatrace',
    'AppDynamics', 'Jaeger', 'Zipkin',
  ],
  'skill:resilience-testing': ['load testing', 'performance testing', 'stress testing', 'chaos engineering', 'chaos testing', 'Chaos Monkey', 'fault injection', 'JMeter', 'LoadRunner', 'Gatling', 'k6', 'Locust'],
  'skill:scalability': ['scalability', 'load balancing', 'load balancer', 'load balancers', 'sharding', 'horizontal scaling', 'auto scaling', 'autoscaling', 'read replicas', 'high availability', 'HAProxy', 'CDN'],
  'skill:system-design': ['system design', 'systems design', 'software architecture', 'solution architecture', 'distributed systems', 'high-level design', 'low-level design'],
  'skill:microservices': ['microservices', 'microservice', 'micro services', 'microservice architecture', 'service-oriented architecture', 'SOA', 'API gateway', 'Spring Cloud', 'service mesh', 'Istio', 'Eureka'],
  'skill:idempotency': ['idempotency', 'idempotent', 'idempotency key', 'idempotency keys', 'exactly-once', 'message deduplication'],
  'skill:outbox-inbox': ['transactional outbox', 'outbox pattern', 'inbox pattern', 'outbox'],
  'skill:saga': ['saga pattern', 'Saga', 'sagas', 'compensating transactions', 'compensating transaction'],
  'skill:distributed-locks': ['distributed locks', 'distributed lock', 'distributed locking', 'Redlock', 'optimistic locking', 'pessimistic locking', 'conditional writes'],
  'skill:cqrs-event-sourcing': ['CQRS', 'event sourcing', 'event-sourced', 'event store', 'EventStoreDB', 'Axon Framework'],
  'skill:layered-architecture': ['layered architecture', 'n-tier architecture', 'n-tier', '3-tier architecture', 'three-tier architecture', 'clean architecture', 'hexagonal architecture', 'onion architecture', 'separation of concerns', 'MVC', 'domain-driven design', 'DDD'],
  'skill:rate-limiting': ['rate limiting', 'rate limiter', 'rate limits', 'API throttling', 'throttling', 'token bucket'],
  'skill:circuit-breaker': ['circuit breaker', 'circuit breakers', 'Hystrix', 'Resilience4j', 'Polly', 'bulkhead'],
  'skill:llm-services': ['LLM', 'LLMs', 'large language model', 'large language models', 'OpenAI', 'GPT', 'ChatGPT', 'GPT-4', 'prompt engineering', 'LangChain', 'generative AI', 'GenAI', 'Hugging Face'],
  'skill:rag': ['RAG', 'retrieval-augmented generation', 'vector database', 'vector databases', 'vector store', 'pgvector', 'Pinecone', 'Weaviate', 'FAISS', 'Milvus', 'embeddings', 'semantic search'],
  'skill:capstone-project': ['capstone project', 'portfolio project'],
  'skill:aws-service-connectivity': ['API Gateway', 'Amazon API Gateway', 'Application Load Balancer', 'ALB', 'ELB', 'Elastic Load Balancing', 'Cloud Map', 'App Mesh', 'Route 53', 'Route53', 'Amazon VPC', 'AWS VPC'],
  'skill:aws-messaging': ['SQS', 'Amazon SQS', 'SNS', 'Amazon SNS', 'EventBridge', 'Kinesis', 'Amazon MSK', 'MSK'],
  'skill:aws-data-services': ['DynamoDB', 'ElastiCache', 'OpenSearch', 'Aurora', 'Amazon Aurora', 'S3', 'Amazon S3', 'AWS S3', 'RDS', 'Amazon RDS', 'Redshift'],
  'skill:aws-deployment': ['ECS', 'Amazon ECS', 'Fargate', 'EKS', 'AWS Lambda', 'ECR', 'CodePipeline', 'CodeBuild', 'CodeDeploy', 'Elastic Beanstalk', 'EC2', 'Amazon EC2', 'AWS CDK', 'CDK'],
  'skill:aws-step-functions': ['Step Functions', 'AWS Step Functions', 'Step Function'],
  'skill:aws-observability': ['CloudWatch', 'AWS X-Ray', 'CloudTrail', 'Fault Injection Service', 'AWS FIS'],
  'skill:aws-security': ['AWS IAM', 'Cognito', 'Amazon Cognito', 'KMS', 'AWS KMS', 'Secrets Manager', 'AWS WAF', 'AWS Shield', 'GuardDuty'],
  'skill:aws-ai-services': ['Amazon Bedrock', 'AWS Bedrock', 'Bedrock', 'Textract', 'SageMaker', 'Amazon Comprehend', 'Rekognition'],
  'skill:aws-capstone': ['AWS capstone'],
};

export interface SeedAliasRule {
  /** Also an everyday word, letter or name: counts only next to a technical cue or in a skills section. */
  readonly ambiguous?: true;
  /** Matches only as written or in capitals, because the lowercase form is an ordinary word. */
  readonly caseSensitive?: true;
}

const AMBIGUOUS_WORD: SeedAliasRule = { ambiguous: true, caseSensitive: true };

/** Keyed by alias text exactly as written in SEED_SKILL_ALIASES. */
export const SEED_ALIAS_RULES: Readonly<Record<string, SeedAliasRule>> = {
  Go: AMBIGUOUS_WORD,
  C: AMBIGUOUS_WORD,
  R: AMBIGUOUS_WORD,
  Rust: AMBIGUOUS_WORD,
  Swift: AMBIGUOUS_WORD,
  Ruby: AMBIGUOUS_WORD,
  Dart: AMBIGUOUS_WORD,
  Groovy: AMBIGUOUS_WORD,
  Pascal: AMBIGUOUS_WORD,
  Delphi: AMBIGUOUS_WORD,
  Spring: AMBIGUOUS_WORD,
  Express: AMBIGUOUS_WORD,
  Flask: AMBIGUOUS_WORD,
  Rails: AMBIGUOUS_WORD,
  Gin: AMBIGUOUS_WORD,
  Zend: AMBIGUOUS_WORD,
  Koa: AMBIGUOUS_WORD,
  REST: AMBIGUOUS_WORD,
  Helm: AMBIGUOUS_WORD,
  Puppet: AMBIGUOUS_WORD,
  Bamboo: AMBIGUOUS_WORD,
  Bash: AMBIGUOUS_WORD,
  Saga: AMBIGUOUS_WORD,
  Polly: AMBIGUOUS_WORD,
  Aurora: AMBIGUOUS_WORD,
  Bedrock: AMBIGUOUS_WORD,
  Jest: AMBIGUOUS_WORD,
  Mocha: AMBIGUOUS_WORD,
  Locust: AMBIGUOUS_WORD,
  Joi: AMBIGUOUS_WORD,
  NATS: AMBIGUOUS_WORD,
  Mongo: AMBIGUOUS_WORD,
  Eureka: AMBIGUOUS_WORD,
  Doctrine: AMBIGUOUS_WORD,
  Prometheus: AMBIGUOUS_WORD,
  // Also an employer's name: "Oracle - Bengaluru" is a job, "Oracle, MySQL" a database.
  Oracle: { ambiguous: true },
  'Red Hat': { ambiguous: true },
  RAG: AMBIGUOUS_WORD,
  // Everyday words in most resumes ("testing of soil samples", "indexing of records").
  testing: { ambiguous: true },
  indexing: { ambiguous: true },
  encryption: { ambiguous: true },
  authentication: { ambiguous: true },
  authorization: { ambiguous: true },
  authorisation: { ambiguous: true },
  throttling: { ambiguous: true },
  algorithms: { ambiguous: true },
  outbox: { ambiguous: true },
  'command line': { ambiguous: true },
  'event-driven': { ambiguous: true },
  'error handling': { ambiguous: true },
  'high availability': { ambiguous: true },
  // Acronyms that are words or other things in lowercase (acid, rag, gpt in chemistry...).
  ACID: { caseSensitive: true },
  GPT: { caseSensitive: true },
  SOA: { caseSensitive: true },
  MVC: { caseSensitive: true },
  DDD: { caseSensitive: true },
  DSA: { caseSensitive: true },
  ECS: { caseSensitive: true },
  ALB: { caseSensitive: true },
  ELB: { caseSensitive: true },
  RDS: { caseSensitive: true },
  SNS: { caseSensitive: true },
  MSK: { caseSensitive: true },
  KMS: { caseSensitive: true },
  IaC: { caseSensitive: true },
  CDK: { caseSensitive: true },
  SSO: { caseSensitive: true },
  ORM: { caseSensitive: true },
  JSF: { caseSensitive: true },
  JEE: { caseSensitive: true },
  PKI: { caseSensitive: true },
  CDN: { caseSensitive: true },
  ELK: { caseSensitive: true },
  TDD: { caseSensitive: true },
  QTP: { caseSensitive: true },
  UFT: { caseSensitive: true },
  AKS: { caseSensitive: true },
};

/**
 * Aliases deliberately claimed by two skills: the AWS service is evidence for the general skill
 * too (DynamoDB is a NoSQL store and an AWS data service).
 */
export const SEED_SHARED_ALIASES: readonly string[] = ['SQS', 'Amazon SQS', 'Kinesis', 'DynamoDB', 'OpenSearch', 'ElastiCache', 'EKS', 'CDK', 'AWS CDK', 'HTTPS', 'API Gateway'];

/**
 * Phrases that contain an alias but name something else. The longest match wins, and these claim
 * no skill, so "Oracle Hyperion" is not SQL and "Spring semester" is not a framework.
 */
export const SEED_ALIAS_BLOCKERS: readonly string[] = [
  'Oracle Hyperion', 'Oracle Fusion', 'Oracle Fusion Middleware', 'Oracle Apps', 'Oracle Applications', 'Oracle E-Business Suite', 'Oracle EBS', 'Oracle Financials',
  'Oracle Retail', 'Oracle HRMS', 'Oracle SOA', 'Oracle Essbase', 'Oracle WebLogic', 'Oracle BI', 'Oracle Primavera', 'Oracle IAM', 'Oracle IDM', 'Oracle Siebel', 'Oracle Eloqua',
  'Spring semester', 'Spring term', 'Spring break', 'Spring quarter', 'Go live', 'Go-live', 'Go green', 'C-level', 'C-suite', 'R&D',
  'SQL Server Reporting Services', 'SQL Server Integration Services', 'SQL Server Analysis Services',
];
