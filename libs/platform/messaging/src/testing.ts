// Test builders for messaging: isolated schemas and topics, a counter event, a consumer app and
// child-process entry points so integration tests can kill real relays and consumers.
export * from './testing/messaging-test-bed';
export { CounterEffects, startCounterConsumer, testLogFile, type RunningConsumer, type CounterConsumerSettings } from './testing/counter-consumer';
