import { Controller, type DynamicModule, type INestApplication, type LoggerService, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ObservabilityModule } from '@pathwise/platform/observability';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
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
  /** Events (`<subject>@<version>`) whose handler throws until the test removes them: a bug, then its fix. */
  static failing = new Set<string>();
  /** Failed attempts per `<subject>@<version>`. */
  static failedAttempts = new Map<string, number>();

  @EventPattern(COUNTER_TYPE)
  async apply(@Payload() data: z.infer<typeof counterSchema>, @Ctx() context: InboxContext): Promise<void> {
    const event = `${context.envelope.subject}@${context.envelope.aggregateVersion}`;
    if (CounterEffects.failing.has(event)) {
      CounterEffects.failedAttempts.set(event, (CounterEffects.failedAttempts.get(event) ?? 0) + 1);
      throw new Error(`cannot apply counter ${event}: failing on demand`);
    }
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
  /** Where the consumer's logs go (default: testLogFile); the failures tests provoke do not belong on the console. */
  logFile?: string;
}

/** A Nest logger writing JSON lines to a file. */
class FileLogger implements LoggerService {
  private readonly out: pino.Logger;

  constructor(file: string) {
    this.out = pino({ level: 'debug' }, pino.destination({ dest: file, mkdir: true, sync: true }));
  }

  log(message: unknown, ...params: unknown[]) { this.write('info', message, params); }
  error(message: unknown, ...params: unknown[]) { this.write('error', message, params); }
  warn(message: unknown, ...params: unknown[]) { this.write('warn', message, params); }
  debug(message: unknown, ...params: unknown[]) { this.write('debug', message, params); }
  verbose(message: unknown, ...params: unknown[]) { this.write('trace', message, params); }

  // Nest passes (message, ...details, context).
  private write(level: pino.Level, message: unknown, params: unknown[]): void {
    const context = params.at(-1);
    const fields = typeof message === 'object' && message !== null ? message : { msg: message };
    this.out[level]({ context, ...fields }, params.slice(0, -1).map(String).join(' '));
  }
}

export function testLogFile(schema: string): string {
  return path.join(tmpdir(), 'pathwise-test-logs', `counter-consumer-${schema}.log`);
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
  app.useLogger(new FileLogger(settings.logFile ?? testLogFile(settings.schema)));
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
