import type { MigrationInterface, QueryRunner } from 'typeorm';

const WALK_SQL = `
  CREATE OR REPLACE FUNCTION "catalog"."search_walk"(matching tsquery, excluding tsquery, cap int)
  RETURNS SETOF "catalog"."search_documents"
  LANGUAGE sql STABLE PARALLEL SAFE
  SET enable_bitmapscan = off SET enable_seqscan = off SET jit = off
  AS $$
    SELECT * FROM "catalog"."search_documents" d
    WHERE strip(d.document) @@ matching AND d.document @@ matching
      AND NOT (excluding IS NOT NULL AND d.document @@ excluding)
    LIMIT cap
  $$`;

const PREFIX_WALK_SQL = `
  CREATE OR REPLACE FUNCTION "catalog"."search_prefix_walk"(prefix text, matching tsquery, cap int)
  RETURNS SETOF "catalog"."search_documents"
  LANGUAGE sql STABLE PARALLEL SAFE
  SET enable_bitmapscan = off SET enable_seqscan = off SET jit = off
  AS $$
    SELECT * FROM "catalog"."search_documents" d
    WHERE d.search_title ~>=~ prefix AND d.search_title ~<~ (prefix || chr(1114111))
      AND starts_with(d.search_title, prefix) AND d.document @@ matching
    LIMIT cap
  $$`;

const NEAR_SQL = `
  CREATE FUNCTION "catalog"."search_near"(query text, excluding tsquery, kinds text[], cap int)
  RETURNS SETOF "catalog"."search_documents"
  LANGUAGE sql STABLE PARALLEL SAFE
  SET pg_trgm.word_similarity_threshold = 0.4 SET jit = off
  AS $$
    SELECT * FROM "catalog"."search_documents" d
    WHERE query OPERATOR("catalog".<%) d.search_names AND NOT d.document @@ excluding
      AND (kinds IS NULL OR d.kind = ANY(kinds))
    LIMIT cap
  $$`;

/**
 * Search narrowed by kind reads only that kind's matches, and the walks keep their plans
 * (docs/adr/0009-search-top-k.md).
 *
 * A kind filter used to be checked row by row after the GIN bitmap had gathered every kind's matches: at 1M
 * documents `хронограф` among watches (none there) fetched 52,000 listing rows to drop them, and its near
 * spellings among watches, every name sharing a trigram with it, 3–9 s. GIN indexes on `(kind, document)` and
 * `(kind, search_names)` (btree_gin) intersect the kind inside the index, and the matching functions run one
 * index scan per kind asked for (`kind = k` is what the index can use; `kind = ANY(…)` is not). They replace
 * the indexes on the words alone, which a GIN index on both serves as well.
 *
 * The functions are PL/pgSQL, whose statements keep their plans for the session: a non-inlined SQL function
 * is parsed and planned again at every call before PostgreSQL 18. The settings stay each function's own.
 */
export class SearchCachedPlans1796200000700 implements MigrationInterface {
  name = 'SearchCachedPlans1796200000700';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "search_documents_kind_document_idx" ON "catalog"."search_documents" USING gin ("kind", "document")`,
    );
    await queryRunner.query(
      `CREATE INDEX "search_documents_kind_trigram_idx" ON "catalog"."search_documents" USING gin ("kind", "search_names" "catalog"."gin_trgm_ops")`,
    );
    // A query on the words alone uses these as well as the indexes without the kind (a GIN index searches any
    // subset of its columns at the same cost), which go.
    await queryRunner.query(`DROP INDEX "catalog"."search_documents_document_idx"`);
    await queryRunner.query(`DROP INDEX "catalog"."search_documents_trigram_idx"`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION "catalog"."search_walk"(matching tsquery, excluding tsquery, cap int)
      RETURNS SETOF "catalog"."search_documents"
      LANGUAGE plpgsql STABLE PARALLEL SAFE
      SET enable_bitmapscan = off SET enable_seqscan = off SET jit = off
      AS $$
      BEGIN
        RETURN QUERY SELECT * FROM "catalog"."search_documents" d
        WHERE strip(d.document) @@ matching AND d.document @@ matching
          AND NOT (excluding IS NOT NULL AND d.document @@ excluding)
        LIMIT cap;
      END
      $$`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION "catalog"."search_prefix_walk"(prefix text, matching tsquery, cap int)
      RETURNS SETOF "catalog"."search_documents"
      LANGUAGE plpgsql STABLE PARALLEL SAFE
      SET enable_bitmapscan = off SET enable_seqscan = off SET jit = off
      AS $$
      BEGIN
        RETURN QUERY SELECT * FROM "catalog"."search_documents" d
        WHERE d.search_title ~>=~ prefix AND d.search_title ~<~ (prefix || chr(1114111))
          AND starts_with(d.search_title, prefix) AND d.document @@ matching
        LIMIT cap;
      END
      $$`);
    // GIN matches of the words (less `excluding`), at most `cap` per kind asked for (every kind when null);
    // `prefix`, when given, keeps only titles starting with it. Only bitmap scans are on: the tsquery is a
    // parameter, so a generic plan cannot tell a rare word from a common one, and would walk a kind's rows in
    // the primary key (kind, item_id) hoping to meet `cap` matches early.
    await queryRunner.query(`
      CREATE FUNCTION "catalog"."search_match"(matching tsquery, excluding tsquery, prefix text, kinds text[], cap int)
      RETURNS SETOF "catalog"."search_documents"
      LANGUAGE plpgsql STABLE PARALLEL SAFE
      SET enable_seqscan = off SET enable_indexscan = off SET jit = off
      AS $$
      DECLARE
        kind_asked text;
      BEGIN
        IF kinds IS NULL THEN
          RETURN QUERY SELECT * FROM "catalog"."search_documents" d
          WHERE d.document @@ matching AND NOT (excluding IS NOT NULL AND d.document @@ excluding)
            AND (prefix IS NULL OR starts_with(d.search_title, prefix))
          LIMIT cap;
          RETURN;
        END IF;
        FOREACH kind_asked IN ARRAY kinds LOOP
          RETURN QUERY SELECT * FROM "catalog"."search_documents" d
          WHERE d.kind = kind_asked AND d.document @@ matching
            AND NOT (excluding IS NOT NULL AND d.document @@ excluding)
            AND (prefix IS NULL OR starts_with(d.search_title, prefix))
          LIMIT cap;
        END LOOP;
      END
      $$`);
    await queryRunner.query(`DROP FUNCTION "catalog"."search_near"(text, tsquery, text[], int)`);
    await queryRunner.query(`
      CREATE FUNCTION "catalog"."search_near"(query text, excluding tsquery, kinds text[], cap int)
      RETURNS SETOF "catalog"."search_documents"
      LANGUAGE plpgsql STABLE PARALLEL SAFE
      SET pg_trgm.word_similarity_threshold = 0.4 SET enable_seqscan = off SET enable_indexscan = off
      SET jit = off
      AS $$
      DECLARE
        kind_asked text;
      BEGIN
        IF kinds IS NULL THEN
          RETURN QUERY SELECT * FROM "catalog"."search_documents" d
          WHERE query OPERATOR("catalog".<%) d.search_names AND NOT d.document @@ excluding
          LIMIT cap;
          RETURN;
        END IF;
        FOREACH kind_asked IN ARRAY kinds LOOP
          RETURN QUERY SELECT * FROM "catalog"."search_documents" d
          WHERE d.kind = kind_asked AND query OPERATOR("catalog".<%) d.search_names
            AND NOT d.document @@ excluding
          LIMIT cap;
        END LOOP;
      END
      $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION "catalog"."search_near"(text, tsquery, text[], int)`);
    await queryRunner.query(NEAR_SQL);
    await queryRunner.query(`DROP FUNCTION "catalog"."search_match"(tsquery, tsquery, text, text[], int)`);
    await queryRunner.query(`DROP FUNCTION "catalog"."search_prefix_walk"(text, tsquery, int)`);
    await queryRunner.query(PREFIX_WALK_SQL.replace('CREATE OR REPLACE', 'CREATE'));
    await queryRunner.query(`DROP FUNCTION "catalog"."search_walk"(tsquery, tsquery, int)`);
    await queryRunner.query(WALK_SQL.replace('CREATE OR REPLACE', 'CREATE'));
    await queryRunner.query(
      `CREATE INDEX "search_documents_document_idx" ON "catalog"."search_documents" USING gin ("document")`,
    );
    await queryRunner.query(
      `CREATE INDEX "search_documents_trigram_idx" ON "catalog"."search_documents" USING gin ("search_names" "catalog"."gin_trgm_ops")`,
    );
    await queryRunner.query(`DROP INDEX "catalog"."search_documents_kind_trigram_idx"`);
    await queryRunner.query(`DROP INDEX "catalog"."search_documents_kind_document_idx"`);
  }
}
