import { Controller, Get, Header } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Endpoint } from '@pathwise/platform/http';
import type { JSONWebKeySet } from 'jose';
import { z } from 'zod';
import { AccessTokenIssuer } from '../signing-keys';

@ApiTags('identity')
@Controller('.well-known')
export class JwksController {
  constructor(private readonly issuer: AccessTokenIssuer) {}

  /** RFC 7517 key set the services verify access tokens against; public keys only. */
  @Get('jwks.json')
  @Header('cache-control', 'public, max-age=300')
  @Endpoint({ summary: 'Public keys that verify access tokens (JWKS)', responses: { 200: z.object({ keys: z.array(z.record(z.string(), z.string())) }) } })
  jwks(): JSONWebKeySet {
    return this.issuer.jwks;
  }
}
