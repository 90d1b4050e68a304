import { FAILURE_HEADERS, failureHeaders, fromHeldEvent, nextHop, toHeldEvent } from './failure-route';

const origin = { topic: 'catalog.roadmap.events.v1', partition: 2 };

describe('failure route', () => {
  it('when an event fails for the first time, then it goes to retry round 1, due after the first delay', () => {
    expect(nextHop({}, [1_000, 10_000], 5_000)).toEqual({ kind: 'retry', round: 1, notBefore: 6_000 });
  });

  it('when an event fails in a middle round, then it goes to the next round with that round\'s delay', () => {
    expect(nextHop({ [FAILURE_HEADERS.retryRound]: Buffer.from('1') }, [1_000, 10_000], 5_000)).toEqual({ kind: 'retry', round: 2, notBefore: 15_000 });
  });

  it('when an event fails in the last round, or there are no rounds, then it goes to the dead-letter topic', () => {
    expect(nextHop({ [FAILURE_HEADERS.retryRound]: '2' }, [1_000, 10_000], 0)).toEqual({ kind: 'dead-letter' });
    expect(nextHop(undefined, [], 0)).toEqual({ kind: 'dead-letter' });
  });

  it('when a message is forwarded for the first time, then its origin is recorded; on later hops the first origin is kept', () => {
    const first = failureHeaders({ key: null, value: null, offset: '41', headers: { ce_id: 'e1' } }, origin, 'g', new Error('boom'), new Date(0), { [FAILURE_HEADERS.retryRound]: '1' });
    expect(first).toEqual({
      ce_id: 'e1',
      [FAILURE_HEADERS.originalTopic]: origin.topic,
      [FAILURE_HEADERS.originalPartition]: '2',
      [FAILURE_HEADERS.originalOffset]: '41',
      [FAILURE_HEADERS.retryRound]: '1',
      [FAILURE_HEADERS.error]: 'Error: boom',
      [FAILURE_HEADERS.failedAt]: '1970-01-01T00:00:00.000Z',
      [FAILURE_HEADERS.group]: 'g',
    });
    const second = failureHeaders({ key: null, value: null, offset: '7', headers: first }, { topic: 'retry', partition: 0 }, 'g', 'again', new Date(0));
    expect(second).toMatchObject({ [FAILURE_HEADERS.originalTopic]: origin.topic, [FAILURE_HEADERS.originalOffset]: '41', [FAILURE_HEADERS.error]: 'again' });
  });

  it('when a main-topic message is parked, then its order is its own offset and it comes back unchanged', () => {
    const held = toHeldEvent({ key: Buffer.from('k'), value: Buffer.from('{"n":1}'), offset: '12', headers: { ce_id: Buffer.from('e1') } }, origin, 'e1');
    expect(held).toEqual({
      originalOffset: '12',
      eventId: 'e1',
      value: Buffer.from('{"n":1}'),
      headers: { ce_id: 'e1', [FAILURE_HEADERS.originalTopic]: origin.topic, [FAILURE_HEADERS.originalPartition]: '2', [FAILURE_HEADERS.originalOffset]: '12' },
    });
    expect(fromHeldEvent('k', held)).toEqual({ key: Buffer.from('k'), value: Buffer.from('{"n":1}'), headers: held.headers, offset: '12' });
  });

  it('when a copy from the retry topic is parked, then its order is the original offset and its retry state is dropped, so a later failure starts at round 1', () => {
    const headers = {
      ce_id: 'e1',
      [FAILURE_HEADERS.originalTopic]: origin.topic,
      [FAILURE_HEADERS.originalPartition]: '2',
      [FAILURE_HEADERS.originalOffset]: '12',
      [FAILURE_HEADERS.retryRound]: '2',
      [FAILURE_HEADERS.notBefore]: '99',
      [FAILURE_HEADERS.error]: 'Error: boom',
      [FAILURE_HEADERS.failedAt]: 'then',
      [FAILURE_HEADERS.group]: 'g',
    };
    const held = toHeldEvent({ key: Buffer.from('k'), value: null, offset: '3', headers }, { topic: 'retry', partition: 0 }, 'e1');
    expect(held.originalOffset).toBe('12');
    expect(Object.keys(held.headers).sort()).toEqual(['ce_id', FAILURE_HEADERS.originalOffset, FAILURE_HEADERS.originalPartition, FAILURE_HEADERS.originalTopic].sort());
    expect(nextHop(fromHeldEvent('k', held).headers, [100], 0)).toEqual({ kind: 'retry', round: 1, notBefore: 100 });
  });
});
