export { defineEvent, topicName, deadLetterTopic, retryTopic, type EventContract, type EventData, type Consumer, type ServiceName } from './lib/event-contract';
export { toKafkaRecord, fromKafkaRecord, headerText, validateData, InvalidEventError, type EventEnvelope, type KafkaRecord } from './lib/envelope';
export { EVENT_CATALOG, contractOfType } from './lib/event-catalog';
export * from './lib/events/catalog.events';
export * from './lib/events/progress.events';
export { breakingChanges, type JsonSchema } from './lib/schema-compatibility';
export { renderAsyncApi, asyncApiYaml } from './lib/asyncapi';
