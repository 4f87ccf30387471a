/** The market pages' strings. Russian mirrors English key for key (the type makes a missing one an error). */
export const en = {
  title: 'market',
};

export const ru: typeof en = {
  title: 'market',
};
