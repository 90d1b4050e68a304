// Child-process entry for tests that kill a relay: `node dist/libs/platform/messaging/src/testing/relay.process.js`.
import { createKafka } from '../lib/kafka';
import { OutboxRelay } from '../lib/outbox-relay';

const env = process.env as Record<string, string>;
const relay = new OutboxRelay({
  service: `test-${env['TEST_SCHEMA']}`,
  connection: { connectionString: env['TEST_DATABASE_URL'], options: `-c search_path=${env['TEST_SCHEMA']}` },
  kafka: createKafka({ clientId: `relay-${process.pid}`, brokers: env['KAFKA_BROKERS'].split(',') }),
  batchSize: Number(env['RELAY_BATCH_SIZE'] ?? 100),
  pollIntervalMs: 200,
  standbyIntervalMs: 200,
});
relay.start();
const leadership = setInterval(() => {
  if (relay.isLeader) {
    process.stdout.write('RELAY_LEADER\n');
    clearInterval(leadership);
  }
}, 20);
process.on('SIGTERM', () => void relay.stop().then(() => process.exit(0)));
