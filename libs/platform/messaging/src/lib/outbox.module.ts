import { DynamicModule, Inject, Injectable, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { METRICS_REGISTRY } from '@pathwise/platform/observability';
import type { Kafka } from 'kafkajs';
import type { Registry } from 'prom-client';
import { KAFKA } from './kafka';
import { Outbox } from './outbox';
import { OutboxRelay, type OutboxRelayOptions } from './outbox-relay';

type RelaySettings = Omit<OutboxRelayOptions, 'kafka' | 'registry' | 'connection' | 'service'>;

export interface OutboxModuleOptions {
  service: string;
  databaseUrl: string;
  /** Run the relay in this process (every replica does; one at a time is active). */
  relay?: boolean | RelaySettings;
}

const OPTIONS = Symbol('OUTBOX_OPTIONS');

/** Runs the relay for the lifetime of the app; on SIGTERM the batch in flight finishes first. */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly relay?: OutboxRelay;

  constructor(@Inject(OPTIONS) options: OutboxModuleOptions, @Inject(KAFKA) kafka: Kafka, @Inject(METRICS_REGISTRY) registry: Registry) {
    if (options.relay) {
      const settings = typeof options.relay === 'object' ? options.relay : {};
      this.relay = new OutboxRelay({ ...settings, service: options.service, connection: { connectionString: options.databaseUrl }, kafka, registry });
    }
  }

  onApplicationBootstrap(): void {
    this.relay?.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
  }
}

/** Requires KafkaModule and ObservabilityModule (both global) in the importing app. */
@Module({})
export class OutboxModule {
  static forRoot(options: OutboxModuleOptions): DynamicModule {
    return {
      module: OutboxModule,
      global: true,
      providers: [{ provide: OPTIONS, useValue: options }, Outbox, OutboxRelayService],
      exports: [Outbox, OutboxRelayService],
    };
  }
}
