import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The GiST walk of common search words as a function with its own planner settings
 * (docs/adr/0009-search-top-k.md). Bitmap and sequential scans are off inside it only, so its `LIMIT` stops
 * the index scan at the cap, while the search statement around it keeps GIN's bitmap scans for the rare words
 * of the same query: with the settings on the whole statement, a query of a common and a rare word had either
 * its any-word tier gather every match of the common word into a bitmap (77,000 rows, 150–300 ms at 1M
 * documents) or its every-word tier scan the table. Not inlined (it has SET clauses), it is planned once per
 * call with the queries as parameters, which hides their frequency from the planner as the walk wants.
 */
export class SearchWalk1796200000100 implements MigrationInterface {
  name = 'SearchWalk1796200000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION "catalog"."search_walk"(matching tsquery, excluding tsquery, cap int)
      RETURNS SETOF "catalog"."search_documents"
      LANGUAGE sql STABLE PARALLEL SAFE
      SET enable_bitmapscan = off SET enable_seqscan = off SET jit = off
      AS $$
        SELECT * FROM "catalog"."search_documents" d
        WHERE strip(d.document) @@ matching AND d.document @@ matching
          AND NOT (excluding IS NOT NULL AND d.document @@ excluding)
        LIMIT cap
      $$`);
    // The titles starting with the text, in the prefix btree's order, checked for the words one by one: a
    // bitmap of a common word ANDed with the prefix would gather every match first. The range is written
    // out because a parameter is no constant pattern for LIKE's index conditions.
    await queryRunner.query(`
      CREATE FUNCTION "catalog"."search_prefix_walk"(prefix text, matching tsquery, cap int)
      RETURNS SETOF "catalog"."search_documents"
      LANGUAGE sql STABLE PARALLEL SAFE
      SET enable_bitmapscan = off SET enable_seqscan = off SET jit = off
      AS $$
        SELECT * FROM "catalog"."search_documents" d
        WHERE d.search_title ~>=~ prefix AND d.search_title ~<~ (prefix || chr(1114111))
          AND starts_with(d.search_title, prefix) AND d.document @@ matching
        LIMIT cap
      $$`);
    // Near spellings: names with a word like the text (pg_trgm word similarity ≥ 0.4, by the trigram GIN), the
    // threshold set for the function only, so the search needs no transaction to set it. pg_trgm's library is
    // loaded first: only then is its setting known to be one every role may set.
    await queryRunner.query(`SELECT "catalog".word_similarity('', '')`);
    await queryRunner.query(`
      CREATE FUNCTION "catalog"."search_near"(query text, excluding tsquery, kinds text[], cap int)
      RETURNS SETOF "catalog"."search_documents"
      LANGUAGE sql STABLE PARALLEL SAFE
      SET pg_trgm.word_similarity_threshold = 0.4 SET jit = off
      AS $$
        SELECT * FROM "catalog"."search_documents" d
        WHERE query OPERATOR("catalog".<%) d.search_names AND NOT d.document @@ excluding
          AND (kinds IS NULL OR d.kind = ANY(kinds))
        LIMIT cap
      $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION "catalog"."search_near"(text, tsquery, text[], int)`);
    await queryRunner.query(`DROP FUNCTION "catalog"."search_prefix_walk"(text, tsquery, int)`);
    await queryRunner.query(`DROP FUNCTION "catalog"."search_walk"(tsquery, tsquery, int)`);
  }
}
