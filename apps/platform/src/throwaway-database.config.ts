import { IsUrl } from 'class-validator';

/** The tools that build a throwaway database (migration:generate, docs:schema) read where to build it here. */
export class ThrowawayDatabaseConfig {
  /** Superuser URL of a PostgreSQL where a throwaway database can be created. */
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
}
