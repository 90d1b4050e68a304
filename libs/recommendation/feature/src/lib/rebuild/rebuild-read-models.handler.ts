import { Inject, Injectable, Logger } from '@nestjs/common';
import { fromKafkaRecord, InvalidEventError, validateData, type EventContract } from '@pathwise/contracts';
import { KAFKA } from '@pathwise/platform/messaging';
import type { Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { CATALOG_CONTRACTS, PROGRESS_CONTRACTS } from '../read-model/messaging/subscriptions';
import { ReadModelProjector } from '../read-model/read-model.projector';
import { RecomputeRecommendationsHandler } from '../recommendations/recompute-recommendations.handler';

export interface RebuildResult {
  events: number;
  duplicates: number;
  /** Malformed events, skipped as the live consumers dead-letter them. */
  invalid: number;
  learners: number;
}

const READ_MODEL_TABLES = ['roadmap_versions', 'roadmaps', 'skills', 'enrollments', 'skill_states', 'pending_recomputes'];

/**
 * Rebuilds the read model from the topics alone: empties its tables, replays every catalog and
 * progress event from the beginning up to the offsets the topics held when it started (through
 * the same projector the live consumers use, deduplicated by event id and aggregate version as
 * the inbox does), then recomputes every learner's stored list without publishing anything.
 * Run it with the service's consumers stopped (scaled to zero): it writes the live tables.
 */
@Injectable()
export class RebuildReadModelsHandler {
  private readonly logger = new Logger(RebuildReadModelsHandler.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly projector: ReadModelProjector,
    private readonly recompute: RecomputeRecommendationsHandler,
  ) {}

  async execute(): Promise<RebuildResult> {
    const contracts = new Map<string, EventContract>([...CATALOG_CONTRACTS, ...PROGRESS_CONTRACTS].map((contract) => [contract.type, contract]));
    const topics = [...new Set([...contracts.values()].map((contract) => contract.topic))];
    const remaining = await this.endOffsets(topics);
    await this.dataSource.query(`TRUNCATE ${READ_MODEL_TABLES.join(', ')}`);

    const seen = new Set<string>();
    const versions = new Map<string, number>();
    const result: RebuildResult = { events: 0, duplicates: 0, invalid: 0, learners: 0 };
    const consumer = this.kafka.consumer({ groupId: `recommendation.rebuild-${randomUUID()}` });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics, fromBeginning: true });
      const done = new Promise<void>((resolve, reject) => {
        if (remaining.size === 0) resolve();
        consumer
          .run({
            eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
              const partition = `${batch.topic}:${batch.partition}`;
              const end = remaining.get(partition);
              const messages = batch.messages.filter((message) => end !== undefined && BigInt(message.offset) < end);
              await this.dataSource.transaction(async (manager) => {
                for (const message of messages) {
                  const decoded = this.decode(message, contracts);
                  if (decoded === 'invalid') result.invalid += 1;
                  if (decoded === 'invalid' || decoded === 'ignored') continue;
                  const { envelope, data } = decoded;
                  const subjectKey = `${batch.topic}|${envelope.subject}`;
                  if (seen.has(envelope.id) || (versions.get(subjectKey) ?? 0) >= envelope.aggregateVersion) {
                    result.duplicates += 1;
                    continue;
                  }
                  seen.add(envelope.id);
                  versions.set(subjectKey, envelope.aggregateVersion);
                  await this.projector.apply(manager, envelope, data, { recompute: false });
                  result.events += 1;
                }
              });
              for (const message of batch.messages) resolveOffset(message.offset);
              await heartbeat();
              const last = batch.messages.at(-1);
              if (end !== undefined && last && BigInt(last.offset) + 1n >= end) remaining.delete(partition);
              if (remaining.size === 0) resolve();
            },
          })
          .catch(reject);
      });
      await done;
    } finally {
      await consumer.disconnect();
    }
    result.learners = await this.recomputeEveryone();
    this.logger.log({ ...result }, 'recommendation read model rebuilt');
    return result;
  }

  private decode(message: Parameters<typeof fromKafkaRecord>[0], contracts: Map<string, EventContract>) {
    try {
      const envelope = fromKafkaRecord(message);
      const contract = contracts.get(envelope.type);
      // Topics carry event types this service does not read.
      if (!contract) return 'ignored' as const;
      return { envelope, data: validateData(contract, envelope.data) };
    } catch (error) {
      if (error instanceof InvalidEventError) return 'invalid' as const;
      throw error;
    }
  }

  /** Per partition with messages, the offset just past the last one; empty partitions need no wait. */
  private async endOffsets(topics: string[]): Promise<Map<string, bigint>> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const ends = new Map<string, bigint>();
      for (const topic of topics) {
        for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) {
          if (BigInt(high) > BigInt(low)) ends.set(`${topic}:${partition}`, BigInt(high));
        }
      }
      return ends;
    } finally {
      await admin.disconnect();
    }
  }

  private async recomputeEveryone(): Promise<number> {
    const learners: { learner_id: string }[] = await this.dataSource.query(`SELECT DISTINCT learner_id FROM enrollments WHERE state <> 'left'`);
    for (const { learner_id } of learners) {
      await this.dataSource.transaction((manager: EntityManager) => this.recompute.execute(manager, learner_id, { publish: false }));
    }
    return learners.length;
  }
}
