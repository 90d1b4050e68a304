// `npm run redrive -- --topic <topic> --group <consumer-group>`: after a fix has shipped, moves the
// group's dead letters back to its retry topic (see docs/patterns/outbox-inbox.md).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { requireBuilt, root } from './built.mjs';

const { values } = parseArgs({ options: { topic: { type: 'string' }, group: { type: 'string' } } });
if (!values.topic || !values.group) {
  console.error('usage: npm run redrive -- --topic <topic> --group <consumer-group>');
  process.exit(2);
}
// In a deployment the environment carries KAFKA_BROKERS; .env is the local default.
if (existsSync(path.join(root, '.env'))) process.loadEnvFile(path.join(root, '.env'));
const { createKafka, redriveDeadLetters } = requireBuilt('libs/platform/messaging/src/index', { quiet: true });
const kafka = createKafka({ clientId: 'pathwise-redrive', brokers: (process.env.KAFKA_BROKERS ?? '').split(',') });
const { moved } = await redriveDeadLetters(kafka, values.topic, values.group);
console.log(`redrive: moved ${moved} dead letter(s) of ${values.group} back to its retry topic`);
