import { randomUUID } from 'node:crypto';
import { fromKafkaRecord, InvalidEventError, toKafkaRecord, validateData, type EventEnvelope } from './envelope';
import { RoadmapRetired } from './events/catalog.events';

const envelope = (overrides: Partial<EventEnvelope> = {}): EventEnvelope => ({
  id: randomUUID(),
  type: RoadmapRetired.type,
  source: RoadmapRetired.source,
  subject: 'roadmap-backend',
  time: '2026-11-21T10:00:00.000Z',
  data: { roadmapId: 'roadmap-backend', slug: 'backend', version: 3, retiredAt: '2026-11-21T10:00:00.000Z' },
  aggregateVersion: 7,
  correlationId: 'corr-1',
  causationId: 'cause-1',
  traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  ...overrides,
});

describe('CloudEvents envelope in Kafka binary mode', () => {
  it('when an envelope is written and read back, then every attribute survives and the key is the aggregate id', () => {
    const original = envelope();
    const record = toKafkaRecord(original);

    expect(record.key).toBe('roadmap-backend');
    expect(record.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_id: original.id,
      ce_type: 'pathwise.catalog.roadmap-retired.v1',
      ce_source: '/pathwise/catalog',
      ce_subject: 'roadmap-backend',
      ce_aggregateversion: '7',
      ce_correlationid: 'corr-1',
      ce_causationid: 'cause-1',
      'content-type': 'application/json',
      traceparent: original.traceparent,
    });
    const asReceived = {
      key: Buffer.from(record.key),
      value: Buffer.from(record.value),
      headers: Object.fromEntries(Object.entries(record.headers).map(([k, v]) => [k, Buffer.from(v)])),
    };
    expect(fromKafkaRecord(asReceived)).toEqual(original);
  });

  it.each([
    ['no ce_id', (h: Record<string, string>) => delete h['ce_id']],
    ['no aggregate version', (h: Record<string, string>) => delete h['ce_aggregateversion']],
    ['a zero aggregate version', (h: Record<string, string>) => (h['ce_aggregateversion'] = '0')],
    ['no correlation id', (h: Record<string, string>) => delete h['ce_correlationid']],
    ['a wrong spec version', (h: Record<string, string>) => (h['ce_specversion'] = '0.3')],
  ])('when a record has %s, then reading it fails as an invalid event', (_, corrupt) => {
    const record = toKafkaRecord(envelope());
    corrupt(record.headers);
    expect(() => fromKafkaRecord(record)).toThrow(InvalidEventError);
  });

  it('when a record is not JSON at all, then reading it fails as an invalid event', () => {
    const record = toKafkaRecord(envelope());
    expect(() => fromKafkaRecord({ ...record, value: '{not json' })).toThrow(InvalidEventError);
  });
});

describe('validateData', () => {
  it('when the payload matches the schema, then it is returned as typed data', () => {
    const data = { roadmapId: 'r', slug: 'backend', version: 1, retiredAt: '2026-11-21T10:00:00.000Z' };
    expect(validateData(RoadmapRetired, data)).toEqual(data);
  });

  it('when fields are missing or wrong, then every problem is listed with its JSON Pointer', () => {
    let error: InvalidEventError | undefined;
    try {
      validateData(RoadmapRetired, { roadmapId: 'r', version: 0, retiredAt: 'yesterday' });
    } catch (caught) {
      error = caught as InvalidEventError;
    }
    expect(error).toBeInstanceOf(InvalidEventError);
    expect(error?.issues.map((issue) => issue.split(':')[0]).sort()).toEqual(['/retiredAt', '/slug', '/version']);
  });
});
