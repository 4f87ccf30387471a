/** The five Agora services. Their names key ports, schemas, consumer groups and gateway routes. */
export const SERVICE_NAMES = ['auth', 'social', 'media', 'catalog', 'order'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface ServiceDescriptor {
  readonly name: ServiceName;
  /** Host name in docker-compose and the nginx upstream. */
  readonly host: string;
  /** Default HTTP port of the service. */
  readonly port: number;
  /** PostgreSQL schema the service owns; no other service reads it. */
  readonly schema: string;
  /** Kafka consumer group. */
  readonly consumerGroup: string;
  /** PostgreSQL extensions provisioning installs into the service's schema (it cannot itself). */
  readonly extensions: readonly string[];
}

export const SERVICES: Readonly<Record<ServiceName, ServiceDescriptor>> = {
  auth: {
    name: 'auth',
    host: 'auth-service',
    port: 3001,
    schema: 'auth',
    consumerGroup: 'auth-service',
    extensions: [],
  },
  social: {
    name: 'social',
    host: 'social-service',
    port: 3002,
    schema: 'social',
    consumerGroup: 'social-service',
    extensions: [],
  },
  media: {
    name: 'media',
    host: 'media-service',
    port: 3003,
    schema: 'media',
    consumerGroup: 'media-service',
    extensions: [],
  },
  catalog: {
    name: 'catalog',
    host: 'catalog-service',
    port: 3004,
    schema: 'catalog',
    consumerGroup: 'catalog-service',
    // Two-level search: trigram typo tolerance, accent folding, and the kind beside the words in one GIN
    // index (btree_gin) for searches narrowed by kind.
    extensions: ['pg_trgm', 'unaccent', 'btree_gin'],
  },
  order: {
    name: 'order',
    host: 'order-service',
    port: 3005,
    schema: 'orders',
    consumerGroup: 'order-service',
    extensions: [],
  },
};

export function isServiceName(value: string): value is ServiceName {
  return (SERVICE_NAMES as readonly string[]).includes(value);
}
