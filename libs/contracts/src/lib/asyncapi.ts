import { stringify } from 'yaml';
import { z } from 'zod';
import type { EventContract } from './event-contract';
import { deadLetterTopic } from './event-contract';

const pascal = (value: string) => value.replace(/(^|[.-])(\w)/g, (_, __, c: string) => c.toUpperCase());

/** The CloudEvents binary-mode headers every Pathwise message carries. */
const envelopeHeaders = {
  type: 'object',
  required: ['ce_specversion', 'ce_id', 'ce_source', 'ce_type', 'ce_subject', 'ce_time', 'ce_correlationid', 'ce_aggregateversion', 'content-type'],
  properties: {
    ce_specversion: { type: 'string', const: '1.0' },
    ce_id: { type: 'string', description: 'Unique event id; consumers deduplicate on it (inbox).' },
    ce_source: { type: 'string' },
    ce_type: { type: 'string' },
    ce_subject: { type: 'string', description: 'Aggregate id; equals the Kafka key.' },
    ce_time: { type: 'string', format: 'date-time' },
    ce_correlationid: { type: 'string' },
    ce_causationid: { type: 'string' },
    ce_aggregateversion: { type: 'string', pattern: '^[1-9][0-9]*$', description: 'Consumers ignore versions at or below the last one applied.' },
    traceparent: { type: 'string', description: 'W3C trace context' },
    'content-type': { type: 'string', const: 'application/json' },
  },
};

/** An AsyncAPI 3.0 document generated from the event contracts (written to docs/asyncapi.yaml). */
export function renderAsyncApi(contracts: readonly EventContract[]): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};

  for (const contract of contracts) {
    const channelId = pascal(contract.topic);
    const channel = (channels[channelId] ??= {
      address: contract.topic,
      description: `Events of the ${contract.producer} ${contract.aggregate} aggregate, keyed by aggregate id (per-key order).`,
      messages: {},
    }) as { messages: Record<string, unknown> };
    channel.messages[contract.name] = { $ref: `#/components/messages/${contract.name}` };

    messages[contract.name] = {
      name: contract.name,
      title: contract.type,
      summary: contract.summary,
      contentType: 'application/json',
      correlationId: { location: '$message.header#/ce_correlationid' },
      headers: { ...envelopeHeaders, properties: { ...envelopeHeaders.properties, ce_type: { type: 'string', const: contract.type }, ce_source: { type: 'string', const: contract.source } } },
      payload: z.toJSONSchema(contract.schema),
      bindings: { kafka: { key: { type: 'string', description: `${contract.aggregate} id` }, bindingVersion: '0.5.0' } },
    };

    const messageRef = { $ref: `#/channels/${channelId}/messages/${contract.name}` };
    operations[`${contract.producer}.publish.${contract.name}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${channelId}` },
      summary: `${contract.producer} publishes ${contract.name} through its transactional outbox.`,
      messages: [messageRef],
    };
    for (const consumer of contract.consumers) {
      operations[`${consumer.group}.consume.${contract.name}`] = {
        action: 'receive',
        channel: { $ref: `#/channels/${channelId}` },
        summary: `${consumer.service} (group ${consumer.group}) applies ${contract.name} through its inbox; failures end in ${deadLetterTopic(contract.topic, consumer.group)}.`,
        messages: [messageRef],
        bindings: { kafka: { groupId: { type: 'string', enum: [consumer.group] }, bindingVersion: '0.5.0' } },
      };
    }
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Pathwise events',
      version: '1.0.0',
      description:
        'Generated from libs/contracts by `npm run contracts:generate`; do not edit by hand. ' +
        'Every message is a CloudEvents 1.0 event in Kafka binary content mode.',
    },
    defaultContentType: 'application/json',
    servers: { local: { host: '127.0.0.1:19092', protocol: 'kafka', description: 'npm run infra:up' } },
    channels,
    operations,
    components: { messages },
  };
}

/** The document as committed in docs/asyncapi.yaml. */
export function asyncApiYaml(contracts: readonly EventContract[]): string {
  return stringify(renderAsyncApi(contracts), { lineWidth: 0, aliasDuplicateObjects: false });
}
