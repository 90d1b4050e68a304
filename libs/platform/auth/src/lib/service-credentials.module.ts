import { Controller, DynamicModule, Get, Header, Module } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Endpoint } from '@pathwise/platform/http';
import type { JSONWebKeySet } from 'jose';
import { z } from 'zod';
import { ServiceTokenIssuer } from './service-tokens';

@ApiTags('identity')
@Controller('.well-known')
class ServiceJwksController {
  constructor(private readonly issuer: ServiceTokenIssuer) {}

  /** RFC 7517 key set the services verify this service's tokens against; public keys only. */
  @Get('jwks.json')
  @Header('cache-control', 'public, max-age=300')
  @Endpoint({ summary: 'Public keys that verify the tokens this service signs (JWKS)', responses: { 200: z.object({ keys: z.array(z.record(z.string(), z.string())) }) } })
  jwks(): JSONWebKeySet {
    return this.issuer.jwks;
  }
}

/** A service's own credentials: the `ServiceTokenIssuer` and `GET /.well-known/jwks.json`. */
@Module({})
export class ServiceCredentialsModule {
  /** Takes the issuer itself, so the app can hand the same one to code built outside Nest (activities). */
  static forRoot(issuer: ServiceTokenIssuer): DynamicModule {
    return {
      module: ServiceCredentialsModule,
      global: true,
      controllers: [ServiceJwksController],
      providers: [{ provide: ServiceTokenIssuer, useValue: issuer }],
      exports: [ServiceTokenIssuer],
    };
  }
}
