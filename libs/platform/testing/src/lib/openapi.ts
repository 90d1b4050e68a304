import type { Type } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';

export interface OpenApiSource {
  title: string;
  description: string;
  /** The feature module whose controllers make up the service's API. */
  module: Type<unknown>;
}

/**
 * The OpenAPI 3.1 document of a service, generated from its controllers' route and @Endpoint
 * metadata. Dependencies are stubbed because only the route metadata is read, so this needs no
 * database or broker; a spec compares the result with the committed document in docs/openapi/.
 */
export async function renderOpenApi(source: OpenApiSource): Promise<string> {
  const controllers = (Reflect.getMetadata('controllers', source.module) ?? []) as Type<unknown>[];
  const moduleRef = await Test.createTestingModule({ controllers }).useMocker(() => ({})).compile();
  const app = moduleRef.createNestApplication(new FastifyAdapter(), { logger: false });
  try {
    const config = new DocumentBuilder()
      .setOpenAPIVersion('3.1.0')
      .setTitle(source.title)
      .setDescription(source.description)
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build();
    return `${JSON.stringify(SwaggerModule.createDocument(app, config), null, 2)}\n`;
  } finally {
    await app.close();
  }
}
