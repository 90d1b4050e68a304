import { Controller, type DynamicModule, type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ObservabilityModule } from '@pathwise/platform/observability';
import { Logger } from 'nestjs-pino';
import type { z } from 'zod';
import { connectInboxConsumer } from '../lib/connect-inbox-consumer';
import { InboxContext } from '../lib/inbox-context';
import type { KafkaInboxServer } from '../lib/inbox-server';
import { KafkaModule } from '../lib/kafka';
import { BLOCK_LOCK_ID, COUNTER_TYPE, counterContract, type counterSchema } from './messaging-test-bed';

/** The consumer-side business logic of the tests: records each applied event as an effect row. */
@Controller()
export class CounterEffects {
  static poisonFixed = false;

  @EventPattern(COUNTER_TYPE)
  async apply(@Payload() data: z.infer<typeof counterSchema>, @Ctx() context: InboxContext): Promise<void> {
    if (data.poison && !CounterEffects.poisonFixed) throw new Error(`cannot apply counter ${data.counterId}: poison`);
    if (data.block) await context.manager.query('SELECT pg_advisory_xact_lock($1)', [BLOCK_LOCK_ID]);
    await context.manager.query('INSERT INTO effects (subject, version, event_id, n) VALUES ($1, $2, $3, $4)', [
      context.envelope.subject,
      context.envelope.aggregateVersion,
      context.envelope.id,
      data.n,
    ]);
  }
}

export interface CounterConsumerSettings {
  databaseUrl: string;
  schema: string;
  topic: string;
  group: string;
  brokers: string[];
  attempts?: number;
  retryDelaysMs?: number[];
  chunkSize?: number;
}

@Module({})
class CounterConsumerModule {
  static register(settings: CounterConsumerSettings): DynamicModule {
    return {
      module: CounterConsumerModule,
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: settings.databaseUrl,
          applicationName: `counter-consumer-${settings.schema}`,
          extra: { options: `-c search_path=${settings.schema}` },
        }),
        KafkaModule.forRoot({ clientId: `counter-consumer-${settings.schema}`, brokers: settings.brokers }),
        ObservabilityModule.forRoot({ service: 'counter-consumer', logLevel: process.env['TEST_LOG_LEVEL'] ?? 'warn', readiness: [] }),
      ],
      controllers: [CounterEffects],
    };
  }
}

export interface RunningConsumer {
  app: INestApplication;
  server: KafkaInboxServer;
  stop(): Promise<void>;
}

/** A Nest app whose only job is the test consumer group, wired exactly like a service's consumer. */
export async function startCounterConsumer(settings: CounterConsumerSettings): Promise<RunningConsumer> {
  const app = await NestFactory.create(CounterConsumerModule.register(settings), new FastifyAdapter(), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  const server = connectInboxConsumer(app, {
    group: settings.group,
    contracts: [counterContract(settings.topic)],
    attempts: settings.attempts ?? 2,
    backoffMs: 20,
    retryDelaysMs: settings.retryDelaysMs ?? [200],
    sessionTimeoutMs: 8_000,
    ...(settings.chunkSize ? { chunkSize: settings.chunkSize } : {}),
  });
  await app.startAllMicroservices();
  await app.init();
  return { app, server, stop: () => app.close() };
}
