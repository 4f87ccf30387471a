import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The search functions whose statements are planned once per session (docs/adr/0009-search-top-k.md). */
const SEARCH_FUNCTIONS = [
  '"catalog"."search_walk"(tsquery, tsquery, int)',
  '"catalog"."search_prefix_walk"(text, tsquery, int)',
  '"catalog"."search_match"(tsquery, tsquery, text, text[], int)',
  '"catalog"."search_near"(text, tsquery, text[], int)',
];

/**
 * A PL/pgSQL statement keeps a generic plan only when it looks no costlier than the custom plans before it.
 * The walks' and matches' generic plans do not (a parameter's range or frequency is unknown to them), so each
 * call planned its statement again, a tenth to half a millisecond (a near spelling's trigram statement doubled
 * that search's time). Their settings already leave each statement one plan, whatever its parameters (the
 * GiST or prefix walk, the GIN bitmap), so the planner is told to keep it: `plan_cache_mode` is the
 * functions' own setting, like the scans they turn off.
 */
export class SearchGenericPlans1796200000720 implements MigrationInterface {
  name = 'SearchGenericPlans1796200000720';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const signature of SEARCH_FUNCTIONS) {
      await queryRunner.query(`ALTER FUNCTION ${signature} SET plan_cache_mode = force_generic_plan`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const signature of SEARCH_FUNCTIONS) {
      await queryRunner.query(`ALTER FUNCTION ${signature} RESET plan_cache_mode`);
    }
  }
}
