import {
  GATEWAY_SPECS,
  SERVICE_DOCS_JSON_PATH,
  SERVICE_DOCS_PATH,
  SERVICE_GATEWAY_DOCS_PATH,
} from '@agora/contracts';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/**
 * Serves the service's own spec (`/docs`, `/docs-json`) and the gateway's merged UI
 * (`/gateway-docs`), whose spec list points at the five specs behind the gateway.
 */
export function setUpSwagger(
  app: INestApplication,
  definition: { readonly title: string; readonly description: string },
): void {
  const config = new DocumentBuilder()
    .setTitle(definition.title)
    .setDescription(definition.description)
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup(SERVICE_DOCS_PATH, app, document, { jsonDocumentUrl: SERVICE_DOCS_JSON_PATH });
  SwaggerModule.setup(SERVICE_GATEWAY_DOCS_PATH, app, document, {
    raw: false,
    explorer: true,
    customSiteTitle: 'Agora API',
    swaggerOptions: { urls: GATEWAY_SPECS.map((spec) => ({ name: spec.name, url: spec.url })) },
  });
}
