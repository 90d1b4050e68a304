import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { RateLimitGuard } from './rate-limit/rate-limit.guard';
import { AuthModule } from '@pathwise/platform/auth';
import { GATEWAY_AUDIENCE, GATEWAY_OPTIONS, type GatewayOptions } from './gateway.options';
import { ApiModule } from './api/api.module';
import { DownstreamModule } from './downstream/downstream.module';
import { IdentityModule } from './identity/identity.module';
import { AccessTokenIssuer, signingKeyFromSeed } from './identity/signing-keys';

@Global()
@Module({})
class GatewayCoreModule {
  static register(options: GatewayOptions): DynamicModule {
    const issuer = new AccessTokenIssuer(options.issuer, options.signingKeySeeds.map(signingKeyFromSeed));
    return {
      module: GatewayCoreModule,
      // The platform guard behind @Authenticated() (global), with a verifier of the gateway's own tokens (its audience, its in-memory keys).
      imports: [AuthModule.forRoot({ issuer: options.issuer, audience: GATEWAY_AUDIENCE, jwks: issuer.jwks })],
      providers: [
        { provide: GATEWAY_OPTIONS, useValue: options },
        { provide: AccessTokenIssuer, useValue: issuer },
        { provide: APP_GUARD, useClass: RateLimitGuard },
      ],
      exports: [GATEWAY_OPTIONS, AccessTokenIssuer],
    };
  }
}

/** Everything the public entry point does; the app module adds infrastructure around it. */
@Module({})
export class GatewayModule {
  static register(options: GatewayOptions): DynamicModule {
    return { module: GatewayModule, imports: [GatewayCoreModule.register(options), IdentityModule, DownstreamModule, ApiModule] };
  }
}
