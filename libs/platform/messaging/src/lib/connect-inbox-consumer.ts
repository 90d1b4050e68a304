import { Catch, type INestApplication, type RpcExceptionFilter } from '@nestjs/common';
import { METRICS_REGISTRY } from '@pathwise/platform/observability';
import type { Kafka } from 'kafkajs';
import type { Registry } from 'prom-client';
import { type Observable, throwError } from 'rxjs';
import { DataSource } from 'typeorm';
import { KafkaInboxServer, type InboxServerOptions } from './inbox-server';
import { KAFKA } from './kafka';

/**
 * Nest's default RPC filter turns a handler's error into a generic "Internal server error"
 * object; the inbox server needs the real error to roll back, retry and record it in the DLQ.
 */
@Catch()
export class PassThroughRpcErrors implements RpcExceptionFilter {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}

/**
 * Attaches an inbox consumer group to an app (hybrid HTTP + Kafka); start it with
 * `app.startAllMicroservices()`. Uses the app's DataSource, Kafka client and metrics registry.
 */
export function connectInboxConsumer(app: INestApplication, options: Omit<InboxServerOptions, 'kafka' | 'dataSource' | 'registry'>): KafkaInboxServer {
  const strategy = new KafkaInboxServer({
    ...options,
    kafka: app.get<Kafka>(KAFKA),
    dataSource: app.get(DataSource),
    registry: app.get<Registry>(METRICS_REGISTRY),
  });
  // Deferred so the filter is in place before the listeners are registered.
  app.connectMicroservice({ strategy }, { inheritAppConfig: false, deferInitialization: true }).useGlobalFilters(new PassThroughRpcErrors());
  return strategy;
}
