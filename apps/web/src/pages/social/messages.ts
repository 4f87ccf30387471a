/** The social pages' strings. Russian mirrors English key for key (the type makes a missing one an error). */
export const en = {
  title: 'social',
};

export const ru: typeof en = {
  title: 'social',
};
