import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ApiModule } from './api.module';

/** The OpenAPI 3 document of `/api/v1`, built from the controllers and DTOs. */
export function apiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('repair-dispatch REST API')
    .setDescription(
      'Orders, masters, users and reports over HTTP: the same use cases as the Telegram bot. ' +
        'Authenticate with `Authorization: Bearer <key>` (keys: `/admin apikey create`). ' +
        'Errors are RFC 9457 problem+json with a `code`.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key' })
    .build();
  return SwaggerModule.createDocument(app, config, { include: [ApiModule] });
}

/** Interactive docs at `/api/docs`, the document at `/api/openapi.json`. */
export function setupApiDocs(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, () => apiDocument(app), {
    jsonDocumentUrl: 'api/openapi.json',
    raw: ['json'],
  });
}
