// Child-process entry for tests that kill a consumer: `node dist/libs/platform/messaging/src/testing/consumer.process.js`.
import 'reflect-metadata';
import { startCounterConsumer } from './counter-consumer';

void (async () => {
  const env = process.env as Record<string, string>;
  const consumer = await startCounterConsumer({
    databaseUrl: env['TEST_DATABASE_URL'],
    schema: env['TEST_SCHEMA'],
    topic: env['TEST_TOPIC'],
    group: env['TEST_GROUP'],
    brokers: env['KAFKA_BROKERS'].split(','),
    ...(env['TEST_CHUNK_SIZE'] ? { chunkSize: Number(env['TEST_CHUNK_SIZE']) } : {}),
  });
  void consumer.server.joined.then(() => process.stdout.write('CONSUMER_JOINED\n'));
  process.on('SIGTERM', () => void consumer.stop().then(() => process.exit(0)));
})();
