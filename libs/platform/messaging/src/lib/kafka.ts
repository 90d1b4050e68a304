import { DynamicModule, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import type { ReadinessCheck } from '@pathwise/platform/observability';
import { type Admin, Kafka, logLevel as KafkaLogLevel, type LogEntry } from 'kafkajs';

export const KAFKA = Symbol('KAFKA');

const LEVEL_NAMES: Record<number, 'error' | 'warn' | 'log' | 'debug'> = {
  [KafkaLogLevel.ERROR]: 'error',
  [KafkaLogLevel.WARN]: 'warn',
  [KafkaLogLevel.INFO]: 'log',
  [KafkaLogLevel.DEBUG]: 'debug',
};

/** kafkajs logs through the app's structured logger instead of its own console output. */
export function createKafka(options: { clientId: string; brokers: string[] }): Kafka {
  const logger = new Logger('kafkajs');
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    connectionTimeout: 3_000,
    logLevel: KafkaLogLevel.WARN,
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, ...extra } = log;
        logger[LEVEL_NAMES[level] ?? 'log']({ ...extra, msg: message });
      },
  });
}

@Injectable()
export class KafkaReadiness implements ReadinessCheck, OnApplicationShutdown {
  readonly name = 'kafka';
  private readonly logger = new Logger(KafkaReadiness.name);
  private admin?: Admin;

  constructor(@Inject(KAFKA) private readonly kafka: Kafka) {}

  /** A metadata round trip to the cluster, over a long-lived admin connection. */
  async check(): Promise<void> {
    this.admin ??= this.kafka.admin({ retry: { retries: 0 } });
    try {
      await this.admin.connect();
      const cluster = await this.admin.describeCluster();
      if (cluster.brokers.length === 0) throw new Error('cluster reports no brokers');
    } catch (error) {
      // Drop the admin so the next probe reconnects from scratch.
      const stale = this.admin;
      this.admin = undefined;
      await stale?.disconnect().catch((disconnectError: unknown) => this.logger.warn({ err: disconnectError }, 'closing the stale admin client failed'));
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin?.disconnect();
  }
}

@Module({})
export class KafkaModule {
  static forRoot(options: { clientId: string; brokers: string[] }): DynamicModule {
    return {
      module: KafkaModule,
      global: true,
      providers: [{ provide: KAFKA, useFactory: () => createKafka(options) }, KafkaReadiness],
      exports: [KAFKA, KafkaReadiness],
    };
  }
}
