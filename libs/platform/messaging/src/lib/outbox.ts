import { Injectable } from '@nestjs/common';
import { type EventContract, type EventData, type EventEnvelope, toKafkaRecord, validateData } from '@pathwise/contracts';
import { activeTraceparent } from '@pathwise/platform/observability';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';

export interface NewEvent<C extends EventContract> {
  /** Aggregate id: Kafka key and CloudEvents subject. */
  subject: string;
  /** Version of the aggregate after this event; consumers use it to ignore stale deliveries. */
  aggregateVersion: number;
  data: EventData<C>;
  correlationId?: string;
  causationId?: string;
  /** W3C trace context; by default the active span's (the request or event being handled), if tracing is on. */
  traceparent?: string;
  /** Supplied when the event id must be stable across retries of the same command. */
  id?: string;
  time?: Date;
}

/**
 * The write side of the transactional outbox: events are rows written with the same
 * EntityManager (hence the same transaction) as the business change, so both commit or neither
 * does. Publishing is the relay's job, never done inline.
 */
@Injectable()
export class Outbox {
  async append<C extends EventContract>(manager: EntityManager, contract: C, event: NewEvent<C>): Promise<EventEnvelope<EventData<C>>> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('outbox.append must run inside the business transaction (use dataSource.transaction)');
    }
    const traceparent = event.traceparent ?? activeTraceparent();
    const envelope: EventEnvelope<EventData<C>> = {
      id: event.id ?? randomUUID(),
      type: contract.type,
      source: contract.source,
      subject: event.subject,
      time: (event.time ?? new Date()).toISOString(),
      data: validateData(contract, event.data),
      aggregateVersion: event.aggregateVersion,
      correlationId: event.correlationId ?? randomUUID(),
      ...(event.causationId ? { causationId: event.causationId } : {}),
      ...(traceparent ? { traceparent } : {}),
    };
    const record = toKafkaRecord(envelope);
    await manager.query(
      `INSERT INTO outbox (id, topic, message_key, event_type, aggregate_version, value, headers)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [envelope.id, contract.topic, record.key, contract.type, envelope.aggregateVersion, record.value, record.headers],
    );
    return envelope;
  }
}
