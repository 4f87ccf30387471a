import * as common from './common.messages';
import * as auth from '../pages/auth/messages';
import * as catalog from '../pages/catalog/messages';
import * as chats from '../pages/chats/messages';
import * as home from '../pages/home/messages';
import * as market from '../pages/market/messages';
import * as moderation from '../pages/moderation/messages';
import * as social from '../pages/social/messages';

/** Every namespace of the UI in English; `ru` has the same shape by type, so no string goes untranslated. */
export const resources = {
  en: {
    common: common.en,
    auth: auth.en,
    catalog: catalog.en,
    chats: chats.en,
    home: home.en,
    market: market.en,
    moderation: moderation.en,
    social: social.en,
  },
  ru: {
    common: common.ru,
    auth: auth.ru,
    catalog: catalog.ru,
    chats: chats.ru,
    home: home.ru,
    market: market.ru,
    moderation: moderation.ru,
    social: social.ru,
  },
} as const satisfies Record<string, Record<string, object>>;

export const LANGUAGES = ['en', 'ru'] as const;
export type UiLanguage = (typeof LANGUAGES)[number];
