import { Global, Inject, Module } from '@nestjs/common';
import { METRICS_REGISTRY } from '@pathwise/platform/observability';
import type { Registry } from 'prom-client';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../gateway.options';
import { DownstreamClient } from './downstream-client';
import { ServiceTokens } from './service-tokens';

export const CATALOG = Symbol('CATALOG');
export const PROGRESS = Symbol('PROGRESS');
export const RECOMMENDATION = Symbol('RECOMMENDATION');

export const InjectCatalog = (): ParameterDecorator => Inject(CATALOG);
export const InjectProgress = (): ParameterDecorator => Inject(PROGRESS);
export const InjectRecommendation = (): ParameterDecorator => Inject(RECOMMENDATION);

/** One client (and so one breaker) per service per gateway replica. */
@Global()
@Module({
  providers: [
    ServiceTokens,
    {
      provide: CATALOG,
      inject: [GATEWAY_OPTIONS, ServiceTokens, METRICS_REGISTRY],
      useFactory: (options: GatewayOptions, tokens: ServiceTokens, registry: Registry) => new DownstreamClient('catalog', options.downstreams.catalog, tokens, registry, options.breaker),
    },
    {
      provide: PROGRESS,
      inject: [GATEWAY_OPTIONS, ServiceTokens, METRICS_REGISTRY],
      useFactory: (options: GatewayOptions, tokens: ServiceTokens, registry: Registry) => new DownstreamClient('progress', options.downstreams.progress, tokens, registry, options.breaker),
    },
    {
      provide: RECOMMENDATION,
      inject: [GATEWAY_OPTIONS, ServiceTokens, METRICS_REGISTRY],
      useFactory: (options: GatewayOptions, tokens: ServiceTokens, registry: Registry) =>
        new DownstreamClient('recommendation', options.downstreams.recommendation, tokens, registry, options.breaker),
    },
  ],
  exports: [CATALOG, PROGRESS, RECOMMENDATION],
})
export class DownstreamModule {}
