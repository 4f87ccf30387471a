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

export interface DictionaryUsage {
  readonly table: string;
  readonly column: string;
  /** In a link table: the other key, so moving a use never duplicates a link the owner already has. */
  readonly owner?: string;
}

/** Where each dictionary's values are used: reassigned before a value in use can be deleted. */
export const DICTIONARY_USAGES: Readonly<Record<DictionaryKind, readonly DictionaryUsage[]>> = {
  roasters: [{ table: 'coffees', column: 'roaster_id' }],
  farmers: [{ table: 'coffees', column: 'farmer_id' }],
  origins: [{ table: 'coffees', column: 'origin_id' }],
  processes: [{ table: 'coffees', column: 'process_id' }],
  brands: [{ table: 'watches', column: 'brand_id' }],
  factories: [
    { table: 'watches', column: 'factory_id' },
    { table: 'mechanisms', column: 'factory_id' },
  ],
  'case-materials': [{ table: 'watches', column: 'case_material_id' }],
  genders: [{ table: 'watches', column: 'gender_id' }],
  'mechanism-types': [{ table: 'mechanisms', column: 'mechanism_type_id' }],
  functions: [{ table: 'mechanism_functions', column: 'function_id', owner: 'mechanism_id' }],
  tags: [{ table: 'listing_tags', column: 'tag_id', owner: 'listing_id' }],
};
