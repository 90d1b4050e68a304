import { z } from 'zod';

export type ServiceName = 'gateway' | 'catalog' | 'progress' | 'recommendation' | 'saga-worker';

/** docs/architecture.md, Messaging: `<service>.<aggregate>.events.v<major>`. */
export function topicName(service: ServiceName, aggregate: string, major: number): string {
  return `${service}.${aggregate}.events.v${major}`;
}

/** Dead letters of one consumer group: `<topic>.<consumer-group>.dlq`. */
export function deadLetterTopic(topic: string, group: string): string {
  return `${topic}.${group}.dlq`;
}

/** Delayed re-delivery for one consumer group, before the dead-letter topic. */
export function retryTopic(topic: string, group: string): string {
  return `${topic}.${group}.retry`;
}

export interface Consumer {
  service: ServiceName;
  /** Consumer group, `<service>.<purpose>`. */
  group: string;
}

/**
 * Everything producers, consumers and the AsyncAPI document need to know about one event type at
 * one major version. Within a major version the schema only grows (new optional fields); a
 * breaking change is a new contract with the next major and a new topic.
 */
export interface EventContract<S extends z.ZodType = z.ZodType> {
  /** Past-tense name, e.g. `RoadmapPublished`. */
  readonly name: string;
  /** CloudEvents `type`, e.g. `pathwise.catalog.roadmap-published.v1`. */
  readonly type: string;
  readonly major: number;
  readonly producer: ServiceName;
  /** CloudEvents `source` of every event of this type. */
  readonly source: string;
  readonly topic: string;
  /** The aggregate whose id is the Kafka key and the CloudEvents `subject`. */
  readonly aggregate: string;
  readonly schema: S;
  readonly summary: string;
  readonly consumers: readonly Consumer[];
}

export type EventData<C extends EventContract> = z.infer<C['schema']>;

const kebab = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

export function defineEvent<S extends z.ZodType>(definition: {
  name: string;
  major: number;
  producer: ServiceName;
  aggregate: string;
  schema: S;
  summary: string;
  consumers?: Consumer[];
  /** Overrides the topic; tests use it to isolate themselves on a topic of their own. */
  topic?: string;
}): EventContract<S> {
  const { name, major, producer, aggregate } = definition;
  return {
    name,
    major,
    producer,
    aggregate,
    schema: definition.schema,
    summary: definition.summary,
    consumers: definition.consumers ?? [],
    type: `pathwise.${producer}.${kebab(name)}.v${major}`,
    source: `/pathwise/${producer}`,
    topic: definition.topic ?? topicName(producer, aggregate, major),
  };
}
