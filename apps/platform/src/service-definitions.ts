import type { ServiceName } from '@agora/contracts';
import type { ServiceDefinition } from '@agora/runtime';
import { authServiceDefinition } from '../../auth-service/src/auth-service.definition.js';
import { catalogServiceDefinition } from '../../catalog-service/src/catalog-service.definition.js';
import { mediaServiceDefinition } from '../../media-service/src/media-service.definition.js';
import { orderServiceDefinition } from '../../order-service/src/order-service.definition.js';
import { socialServiceDefinition } from '../../social-service/src/social-service.definition.js';

/**
 * The composition root of the embedded mode and the migration CLI: the only code that sees all five
 * services. Services never import each other.
 */
export const SERVICE_DEFINITIONS: Readonly<Record<ServiceName, ServiceDefinition>> = {
  auth: authServiceDefinition,
  social: socialServiceDefinition,
  media: mediaServiceDefinition,
  catalog: catalogServiceDefinition,
  order: orderServiceDefinition,
};
