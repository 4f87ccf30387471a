/** Names the demo data is made of: real roasters, regions, Soviet and Swiss watches, a coffee-shop menu. */

export const ROASTERS: readonly (readonly [string, string])[] = [
  ['Tasty Coffee', 'RU'],
  ['Welder', 'RU'],
  ['Double B', 'RU'],
  ['Torrefacto', 'RU'],
  ['Rockets Roastery', 'RU'],
  ['Black Blood Coffee', 'RU'],
  ['Lavka Coffee Roasters', 'RU'],
  ['Mad Heads', 'RU'],
  ['Geographica', 'RU'],
  ['Sibaristica', 'IT'],
  ['La Cabra', 'DK'],
  ['Tim Wendelboe', 'NO'],
];

/** Growing region, its country (ISO), and the country as the card names it. */
export const ORIGINS: readonly (readonly [string, string, string])[] = [
  ['Yirgacheffe', 'ET', 'Эфиопия'],
  ['Sidamo', 'ET', 'Эфиопия'],
  ['Guji', 'ET', 'Эфиопия'],
  ['Huila', 'CO', 'Колумбия'],
  ['Nariño', 'CO', 'Колумбия'],
  ['Tolima', 'CO', 'Колумбия'],
  ['Antigua', 'GT', 'Гватемала'],
  ['Huehuetenango', 'GT', 'Гватемала'],
  ['Cerrado', 'BR', 'Бразилия'],
  ['Sul de Minas', 'BR', 'Бразилия'],
  ['Kiambu', 'KE', 'Кения'],
  ['Nyeri', 'KE', 'Кения'],
  ['Tarrazú', 'CR', 'Коста-Рика'],
  ['Cajamarca', 'PE', 'Перу'],
  ['Yunnan', 'CN', 'Китай'],
  ['Aceh', 'ID', 'Индонезия'],
  ['Santa Bárbara', 'HN', 'Гондурас'],
];

export const PROCESSES = ['Washed', 'Natural', 'Honey', 'Anaerobic', 'Wet-hulled', 'Carbonic maceration'];
export const FARMERS = [
  'Tesfaye Bekele',
  'Jairo Arcila',
  'Elkin Guzmán',
  'Gesha Village',
  'Daterra',
  'Familia Aguilar',
  'Pablo Guerrero',
  'Kochere cooperative',
];
export const VARIETIES = [
  'Heirloom',
  '74110',
  'Caturra',
  'Castillo',
  'Bourbon',
  'Typica',
  'Geisha',
  'SL28',
  'Pacamara',
  'Catuai',
];
export const TASTING_NOTES = [
  'бергамот',
  'жасмин',
  'лимон',
  'персик',
  'шоколад',
  'карамель',
  'чёрная смородина',
  'красное яблоко',
  'фундук',
  'мёд',
  'вишня',
  'bergamot',
  'jasmine',
  'stone fruit',
];
export const ROAST_LEVELS = ['light', 'medium-light', 'medium', 'medium-dark', 'dark', 'omni'];

export const SOVIET_BRANDS = ['Восток', 'Полёт', 'Ракета', 'Слава', 'Чайка', 'Луч', 'Заря', 'Маяк'];
export const SWISS_BRANDS = ['Omega', 'Longines', 'Tissot', 'Certina', 'Oris', 'Swatch'];
export const SOVIET_MODELS = [
  'Амфибия',
  'Командирские',
  'Штурманские',
  'Сторожевые',
  'Альбатрос',
  'Генеральские',
  'Спутник',
  'Сигнал',
  'Коперник',
  'Транзит',
];
export const SWISS_MODELS = [
  'Seamaster',
  'Speedmaster',
  'Conquest',
  'PRX',
  'Le Locle',
  'DS Action',
  'Aquis',
  'Big Crown',
];
/** Latin spellings people search Soviet models by. */
export const MODEL_ALIASES: Readonly<Record<string, string>> = {
  Амфибия: 'Amphibia',
  Командирские: 'Komandirskie',
  Штурманские: 'Shturmanskie',
  Сторожевые: 'Storozhevye',
  Альбатрос: 'Albatros',
  Генеральские: 'Generalskie',
  Спутник: 'Sputnik',
  Сигнал: 'Signal',
  Коперник: 'Kopernik',
  Транзит: 'Tranzit',
};
export const SOVIET_FACTORIES = [
  'Чистопольский часовой завод',
  'Первый московский часовой завод',
  'Второй московский часовой завод',
  'Петродворцовый часовой завод',
  'Углицкий часовой завод',
  'Минский часовой завод',
];
export const SWISS_FACTORIES = ['ETA SA', 'Sellita', 'Omega SA', 'Valjoux'];
/** Caliber, jewels, type index into MECHANISM_TYPES, factory index (negative: Swiss), functions. */
export const MECHANISMS: readonly (readonly [string, number, number, number, readonly string[]])[] = [
  ['2409', 17, 0, 0, ['Противоударность']],
  ['2414', 17, 0, 0, ['Противоударность', 'Водозащита']],
  ['2416Б', 31, 1, 0, ['Дата', 'Противоударность']],
  ['2426', 31, 1, 0, ['Дата', 'День недели']],
  ['2609HA', 17, 0, 1, ['Противоударность']],
  ['2614.2H', 19, 0, 1, ['Будильник']],
  ['3133', 23, 0, 1, ['Хронограф', 'Дата']],
  ['2209', 23, 0, 2, ['Противоударность']],
  ['2628', 27, 1, 4, ['Дата']],
  ['ETA 2824-2', 25, 1, -1, ['Дата']],
  ['ETA 2892-A2', 21, 1, -1, ['Дата']],
  ['Valjoux 7750', 25, 1, -4, ['Хронограф', 'Дата', 'День недели']],
  ['Sellita SW200-1', 26, 1, -2, ['Дата']],
  ['ETA 955.112', 7, 2, -1, ['Дата']],
  ['Omega 1861', 18, 0, -3, ['Хронограф']],
];
export const MECHANISM_TYPES = ['Механический с ручным заводом', 'Автоматический', 'Кварцевый'];
export const FUNCTIONS = ['Дата', 'Противоударность', 'Водозащита', 'Хронограф', 'Будильник', 'День недели'];
export const CASE_MATERIALS = [
  'Нержавеющая сталь',
  'Хромированная латунь',
  'Позолота',
  'Титан',
  'Золото 585',
];
export const GENDERS = ['Мужские', 'Женские', 'Унисекс'];

export const MENU: readonly (readonly [string, readonly (readonly [string, string])[]])[] = [
  [
    'Кофе',
    [
      ['Эспрессо', '150'],
      ['Американо', '190'],
      ['Капучино 300 мл', '250'],
      ['Латте 400 мл', '290'],
      ['Флэт уайт', '270'],
      ['Раф ванильный', '320'],
      ['Фильтр-кофе дня', '220'],
      ['Колд брю', '280'],
    ],
  ],
  [
    'Чай',
    [
      ['Чай чёрный с чабрецом', '180'],
      ['Улун молочный', '210'],
      ['Матча латте', '330'],
    ],
  ],
  [
    'Десерты',
    [
      ['Чизкейк Нью-Йорк', '320'],
      ['Круассан миндальный', '240'],
      ['Сырники со сметаной', '290'],
    ],
  ],
  [
    'Сэндвичи',
    [
      ['Сэндвич с ветчиной и сыром', '350'],
      ['Сэндвич с лососем', '420'],
    ],
  ],
];

export const LISTING_TAGS = [
  'часы',
  'ссср',
  'винтаж',
  'дайверы',
  'хронограф',
  'кофе',
  'зерно',
  'швейцария',
  'подарок',
];

export const LOCATIONS = [
  {
    name: 'Agora Coffee Покровка',
    address: 'ул. Покровка, 17',
    city: 'Москва',
    countryCode: 'RU',
    latitude: 55.7586,
    longitude: 37.6476,
    timeZone: 'Europe/Moscow',
    weekdays: ['08:00', '22:00'],
    weekend: ['10:00', '23:00'],
  },
  {
    name: 'Agora Coffee Рубинштейна',
    address: 'ул. Рубинштейна, 3',
    city: 'Санкт-Петербург',
    countryCode: 'RU',
    latitude: 59.9311,
    longitude: 30.3456,
    timeZone: 'Europe/Moscow',
    weekdays: ['08:00', '23:00'],
    weekend: ['10:00', '02:00'],
  },
  {
    name: 'Agora Coffee Светланская',
    address: 'ул. Светланская, 1',
    city: 'Владивосток',
    countryCode: 'RU',
    latitude: 43.1155,
    longitude: 131.8855,
    timeZone: 'Asia/Vladivostok',
    weekdays: ['07:30', '21:00'],
    weekend: ['09:00', '21:00'],
  },
] as const;

/** A name's language and its translations (issue 17), as the seed writes them into `translations`. */
export interface SeedTranslation {
  readonly language: 'ru' | 'en' | 'es';
  readonly translations: Readonly<Partial<Record<'ru' | 'en' | 'es', { readonly name: string }>>>;
}

const written = (
  language: SeedTranslation['language'],
  names: Partial<Record<'ru' | 'en' | 'es', string>>,
): SeedTranslation => ({
  language,
  translations: Object.fromEntries(Object.entries(names).map(([lang, name]) => [lang, { name }])),
});

/** The origins' countries (ORIGINS' third column) in English and Spanish: coffee names start with them. */
export const COUNTRY_NAMES: Readonly<Record<string, { readonly en: string; readonly es: string }>> = {
  Эфиопия: { en: 'Ethiopia', es: 'Etiopía' },
  Колумбия: { en: 'Colombia', es: 'Colombia' },
  Гватемала: { en: 'Guatemala', es: 'Guatemala' },
  Бразилия: { en: 'Brazil', es: 'Brasil' },
  Кения: { en: 'Kenya', es: 'Kenia' },
  'Коста-Рика': { en: 'Costa Rica', es: 'Costa Rica' },
  Перу: { en: 'Peru', es: 'Perú' },
  Китай: { en: 'China', es: 'China' },
  Индонезия: { en: 'Indonesia', es: 'Indonesia' },
  Гондурас: { en: 'Honduras', es: 'Honduras' },
};

/** Dictionary values by kind and name: the language each is written in and its names in the others. */
export const VALUE_TRANSLATIONS: Readonly<Record<string, Readonly<Record<string, SeedTranslation>>>> = {
  // Growing regions are written as their countries write them (Latin script): Russian names added.
  origins: {
    Yirgacheffe: written('en', { ru: 'Иргачеффе' }),
    Sidamo: written('en', { ru: 'Сидамо' }),
    Guji: written('en', { ru: 'Гуджи' }),
    Huila: written('es', { ru: 'Уила' }),
    Nariño: written('es', { ru: 'Нариньо' }),
    Tolima: written('es', { ru: 'Толима' }),
    Antigua: written('es', { ru: 'Антигуа' }),
    Huehuetenango: written('es', { ru: 'Уэуэтенанго' }),
    Cerrado: written('en', { ru: 'Серрадо' }),
    'Sul de Minas': written('en', { ru: 'Сул-ди-Минас' }),
    Kiambu: written('en', { ru: 'Киамбу' }),
    Nyeri: written('en', { ru: 'Ньери' }),
    Tarrazú: written('es', { ru: 'Тарразу' }),
    Cajamarca: written('es', { ru: 'Кахамарка' }),
    Yunnan: written('en', { ru: 'Юньнань' }),
    Aceh: written('en', { ru: 'Ачех' }),
    'Santa Bárbara': written('es', { ru: 'Санта-Барбара' }),
  },
  processes: {
    Washed: written('en', { ru: 'Мытая', es: 'Lavado' }),
    Natural: written('en', { ru: 'Натуральная', es: 'Natural' }),
    Honey: written('en', { ru: 'Хани', es: 'Honey' }),
    Anaerobic: written('en', { ru: 'Анаэробная', es: 'Anaeróbico' }),
    'Wet-hulled': written('en', { ru: 'Влажная очистка', es: 'Descascarado húmedo' }),
    'Carbonic maceration': written('en', { ru: 'Карбоническая мацерация', es: 'Maceración carbónica' }),
  },
  'mechanism-types': {
    'Механический с ручным заводом': written('ru', { en: 'Manual winding', es: 'Cuerda manual' }),
    Автоматический: written('ru', { en: 'Automatic', es: 'Automático' }),
    Кварцевый: written('ru', { en: 'Quartz', es: 'Cuarzo' }),
  },
  functions: {
    Дата: written('ru', { en: 'Date', es: 'Fecha' }),
    Противоударность: written('ru', { en: 'Shock protection', es: 'Antichoque' }),
    Водозащита: written('ru', { en: 'Water resistance', es: 'Resistencia al agua' }),
    Хронограф: written('ru', { en: 'Chronograph', es: 'Cronógrafo' }),
    Будильник: written('ru', { en: 'Alarm', es: 'Despertador' }),
    'День недели': written('ru', { en: 'Day of the week', es: 'Día de la semana' }),
  },
  'case-materials': {
    'Нержавеющая сталь': written('ru', { en: 'Stainless steel', es: 'Acero inoxidable' }),
    'Хромированная латунь': written('ru', { en: 'Chrome-plated brass', es: 'Latón cromado' }),
    Позолота: written('ru', { en: 'Gold plating', es: 'Chapado en oro' }),
    Титан: written('ru', { en: 'Titanium', es: 'Titanio' }),
    'Золото 585': written('ru', { en: '14k gold', es: 'Oro de 14 quilates' }),
  },
  genders: {
    Мужские: written('ru', { en: "Men's", es: 'Hombre' }),
    Женские: written('ru', { en: "Women's", es: 'Mujer' }),
    Унисекс: written('ru', { en: 'Unisex', es: 'Unisex' }),
  },
  tags: {
    часы: written('ru', { en: 'watches', es: 'relojes' }),
    ссср: written('ru', { en: 'ussr', es: 'urss' }),
    винтаж: written('ru', { en: 'vintage', es: 'vintage' }),
    дайверы: written('ru', { en: 'divers', es: 'buceo' }),
    хронограф: written('ru', { en: 'chronograph', es: 'cronógrafo' }),
    кофе: written('ru', { en: 'coffee', es: 'café' }),
    зерно: written('ru', { en: 'beans', es: 'grano' }),
    швейцария: written('ru', { en: 'switzerland', es: 'suiza' }),
    подарок: written('ru', { en: 'gift', es: 'regalo' }),
  },
};

/** Roasters, brands, factories and farmers are proper names written in Latin or Russian: not translated. */
export const LATIN_KINDS = ['roasters', 'farmers'];
