export { KafkaModule, KafkaReadiness, KAFKA, createKafka } from './lib/kafka';
