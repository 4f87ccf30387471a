/** The coffee dictionaries (seed 000's list fields), as they appear in `/dictionaries/:kind`. */
export const DICTIONARY_KINDS = ['roasters', 'farmers', 'origins', 'processes'] as const;
export type DictionaryKind = (typeof DICTIONARY_KINDS)[number];

/** Where each dictionary's values are used: reassigned before a value in use can be deleted. */
export const DICTIONARY_USAGES: Readonly<
  Record<DictionaryKind, readonly { table: string; column: string }[]>
> = {
  roasters: [{ table: 'coffees', column: 'roaster_id' }],
  farmers: [{ table: 'coffees', column: 'farmer_id' }],
  origins: [{ table: 'coffees', column: 'origin_id' }],
  processes: [{ table: 'coffees', column: 'process_id' }],
};
