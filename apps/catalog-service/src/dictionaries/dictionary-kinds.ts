/**
 * Every list field's dictionary, as it appears in `/dictionaries/:kind`: seed 000's coffee lists and
 * seed 002's watch tables (brand, factory, case_material, gender, mechanism_type, function), plus tags.
 */
export const DICTIONARY_KINDS = [
  'roasters',
  'farmers',
  'origins',
  'processes',
  'brands',
  'factories',
  'case-materials',
  'genders',
  'mechanism-types',
  'functions',
  'tags',
] as const;
export type DictionaryKind = (typeof DICTIONARY_KINDS)[number];
