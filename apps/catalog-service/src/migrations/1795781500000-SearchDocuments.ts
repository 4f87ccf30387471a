import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The two-level search's first level: one document per searchable item, kept by the services in the
 * transaction of each change. Written by hand: TypeORM has no entity for it (generated tsvector, trigram
 * and expression indexes). pg_trgm and unaccent are installed into the schema by provisioning.
 */
export class SearchDocuments1795781500000 implements MigrationInterface {
  name = 'SearchDocuments1795781500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Lower case, accents and ё folded; IMMUTABLE (with the dictionary named) so indexes may use it.
    await queryRunner.query(`
      CREATE FUNCTION "catalog"."search_normalize"(value text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT translate(lower("catalog"."unaccent"('"catalog"."unaccent"'::regdictionary, value)), 'ё', 'е') $$`);
    await queryRunner.query(`
      CREATE TABLE "catalog"."search_documents" (
        "kind" text NOT NULL,
        "item_id" uuid NOT NULL,
        "title" text NOT NULL,
        "subtitle" text,
        "search_title" text NOT NULL,
        "search_names" text NOT NULL,
        "search_text" text NOT NULL,
        -- The title word for word, and everything stemmed: 'russian' stems Cyrillic words in Russian and
        -- Latin ones in English.
        "document" tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('simple', "search_title"), 'A')
          || setweight(to_tsvector('russian', "search_text"), 'B')
        ) STORED,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "search_documents_pkey" PRIMARY KEY ("kind", "item_id"),
        CONSTRAINT "search_documents_kind_check" CHECK ("kind" IN ('coffee', 'watch', 'product', 'listing'))
      )`);
    await queryRunner.query(
      `CREATE INDEX "search_documents_document_idx" ON "catalog"."search_documents" USING gin ("document")`,
    );
    await queryRunner.query(
      `CREATE INDEX "search_documents_trigram_idx" ON "catalog"."search_documents" USING gin ("search_names" "catalog"."gin_trgm_ops")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "catalog"."search_documents"`);
    await queryRunner.query(`DROP FUNCTION "catalog"."search_normalize"(text)`);
  }
}
