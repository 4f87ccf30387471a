import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Translations (issue 17, docs/adr/0019-translations.md): each translatable row says which language its name
 * is in and holds the other languages in one JSONB column; search documents stay one row per item, their
 * text taking every language's names and their `titles` the title and subtitle per language.
 */
export class Translations1796200000710 implements MigrationInterface {
  name = 'Translations1796200000710';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "catalog"."dictionary_values" ADD "language" text NOT NULL DEFAULT 'ru'`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."dictionary_values" ADD "translations" jsonb NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(`ALTER TABLE "catalog"."coffees" ADD "language" text NOT NULL DEFAULT 'ru'`);
    await queryRunner.query(`ALTER TABLE "catalog"."coffees" ADD "translations" jsonb NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "catalog"."mechanisms" ADD "language" text NOT NULL DEFAULT 'ru'`);
    await queryRunner.query(
      `ALTER TABLE "catalog"."mechanisms" ADD "translations" jsonb NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(`ALTER TABLE "catalog"."watches" ADD "language" text NOT NULL DEFAULT 'ru'`);
    await queryRunner.query(`ALTER TABLE "catalog"."watches" ADD "translations" jsonb NOT NULL DEFAULT '{}'`);
    await queryRunner.query(
      `ALTER TABLE "catalog"."dictionary_values" ADD CONSTRAINT "dictionary_values_language_check" CHECK ("language" IN ('ru', 'en', 'es'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."coffees" ADD CONSTRAINT "coffees_language_check" CHECK ("language" IN ('ru', 'en', 'es'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."mechanisms" ADD CONSTRAINT "mechanisms_language_check" CHECK ("language" IN ('ru', 'en', 'es'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."watches" ADD CONSTRAINT "watches_language_check" CHECK ("language" IN ('ru', 'en', 'es'))`,
    );
    // Every translated name of a row, for its search document (each language's names are searchable).
    await queryRunner.query(`
      CREATE FUNCTION "catalog"."translated_names"(translations jsonb) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT string_agg(entry.value ->> 'name', ' ') FROM jsonb_each(translations) AS entry $$`);
    // Every translated text of a row (names and descriptions), for the words its document is found by.
    await queryRunner.query(`
      CREATE FUNCTION "catalog"."translated_texts"(translations jsonb) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT string_agg(field.value, ' ')
        FROM jsonb_each(translations) AS entry, jsonb_each_text(entry.value) AS field $$`);
    // A text in the wanted language: the original in its own language, else the translation, else English,
    // else the original (the fallback chain of libs/http language.ts, in SQL for the search documents).
    await queryRunner.query(`
      CREATE FUNCTION "catalog"."translated"(original text, original_language text, translations jsonb, wanted text)
      RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT CASE WHEN original IS NULL OR wanted = original_language THEN original
        ELSE coalesce(nullif(translations -> wanted ->> 'name', ''),
          CASE WHEN original_language = 'en' THEN original ELSE nullif(translations -> 'en' ->> 'name', '') END,
          original) END $$`);
    // A document's title and subtitle in each language where a translation changes them, each only when it
    // does ('{}' when nothing the document shows is translated: untranslated documents grow by an empty JSONB).
    await queryRunner.query(`
      CREATE FUNCTION "catalog"."search_titles"(title text, title_language text, title_translations jsonb,
        subtitle text, subtitle_language text, subtitle_translations jsonb)
      RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT coalesce(jsonb_object_agg(localized.wanted, jsonb_strip_nulls(jsonb_build_object(
          'title', nullif(localized.title, search_titles.title),
          'subtitle', nullif(localized.subtitle, search_titles.subtitle)))), '{}'::jsonb)
        FROM (SELECT wanted,
            "catalog"."translated"(title, title_language, title_translations, wanted) AS title,
            "catalog"."translated"(subtitle, subtitle_language, subtitle_translations, wanted) AS subtitle
          FROM unnest(ARRAY['ru', 'en', 'es']) AS wanted) AS localized
        WHERE localized.title IS DISTINCT FROM search_titles.title
          OR localized.subtitle IS DISTINCT FROM search_titles.subtitle $$`);
    // The words of "more" that "known" lacks (regardless of case), in order, each once: translated names mostly
    // repeat the original's words ("Kenya Kiambu 74110" beside "Кения Kiambu 74110"), so a document takes only
    // the translations' new words and grows by little.
    await queryRunner.query(`
      CREATE FUNCTION "catalog"."new_words"(known text, more text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT string_agg(word.word, ' ' ORDER BY word.position)
        FROM (SELECT min(part.word) AS word, min(part.position) AS position
          FROM regexp_split_to_table(coalesce(more, ''), '\\s+') WITH ORDINALITY AS part(word, position)
          WHERE part.word <> ''
            AND lower(part.word) <> ALL (regexp_split_to_array(lower(coalesce(known, '')), '\\s+'))
          GROUP BY lower(part.word)) AS word $$`);
    await queryRunner.query(
      `ALTER TABLE "catalog"."search_documents" ADD "titles" jsonb NOT NULL DEFAULT '{}'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "catalog"."search_documents" DROP COLUMN "titles"`);
    await queryRunner.query(`DROP FUNCTION "catalog"."new_words"(text, text)`);
    await queryRunner.query(`DROP FUNCTION "catalog"."search_titles"(text, text, jsonb, text, text, jsonb)`);
    await queryRunner.query(`DROP FUNCTION "catalog"."translated"(text, text, jsonb, text)`);
    await queryRunner.query(`DROP FUNCTION "catalog"."translated_texts"(jsonb)`);
    await queryRunner.query(`DROP FUNCTION "catalog"."translated_names"(jsonb)`);
    await queryRunner.query(`ALTER TABLE "catalog"."watches" DROP CONSTRAINT "watches_language_check"`);
    await queryRunner.query(`ALTER TABLE "catalog"."mechanisms" DROP CONSTRAINT "mechanisms_language_check"`);
    await queryRunner.query(`ALTER TABLE "catalog"."coffees" DROP CONSTRAINT "coffees_language_check"`);
    await queryRunner.query(
      `ALTER TABLE "catalog"."dictionary_values" DROP CONSTRAINT "dictionary_values_language_check"`,
    );
    await queryRunner.query(`ALTER TABLE "catalog"."watches" DROP COLUMN "translations"`);
    await queryRunner.query(`ALTER TABLE "catalog"."watches" DROP COLUMN "language"`);
    await queryRunner.query(`ALTER TABLE "catalog"."mechanisms" DROP COLUMN "translations"`);
    await queryRunner.query(`ALTER TABLE "catalog"."mechanisms" DROP COLUMN "language"`);
    await queryRunner.query(`ALTER TABLE "catalog"."coffees" DROP COLUMN "translations"`);
    await queryRunner.query(`ALTER TABLE "catalog"."coffees" DROP COLUMN "language"`);
    await queryRunner.query(`ALTER TABLE "catalog"."dictionary_values" DROP COLUMN "translations"`);
    await queryRunner.query(`ALTER TABLE "catalog"."dictionary_values" DROP COLUMN "language"`);
  }
}
