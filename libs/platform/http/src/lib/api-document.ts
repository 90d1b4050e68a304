import { DocumentBuilder, type OpenAPIObject } from '@nestjs/swagger';

export interface ApiDescription {
  title: string;
  description: string;
}

/**
 * The header of every Pathwise OpenAPI document: OpenAPI 3.1, version 1, bearer JWTs. The paths
 * come from the controllers' route and @Endpoint metadata (SwaggerModule.createDocument).
 */
export function apiDocumentConfig(api: ApiDescription): Omit<OpenAPIObject, 'paths'> {
  return new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle(api.title)
    .setDescription(api.description)
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
}
