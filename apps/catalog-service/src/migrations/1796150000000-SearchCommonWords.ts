import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A GiST index on the search documents' tsvector, beside the GIN one (docs/adr/0009-search-top-k.md): GIN
 * answers only by bitmap, so a common word gathers every one of its matches before `LIMIT` applies; a GiST
 * index scan yields matches one by one and stops at the candidate cap. Search walks it for common words and
 * keeps GIN for the rest. It indexes `strip(document)` (the same signatures: GiST keeps no positions), so
 * only a condition written on that expression can use it and the planner never picks it over GIN for a
 * rare word, where its walk would visit most of the tree.
 */
export class SearchCommonWords1796150000000 implements MigrationInterface {
  name = 'SearchCommonWords1796150000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "search_documents_document_gist_idx" ON "catalog"."search_documents" USING gist (strip("document"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "catalog"."search_documents_document_gist_idx"`);
  }
}
