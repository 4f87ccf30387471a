import { atOnce, copies, startSmtpInbox, tally, type SmtpInbox } from '@agora/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectProblem, GatewayApi, type Answer } from './support/gateway-api.js';
import { adminEnv, IdentityClient, type SignedInUser } from './support/identity-client.js';
import { startInProcessPlatform, type InProcessPlatform } from './support/in-process-platform.js';

interface Named {
  id: string;
  name: string;
  description: string | null;
  language: string;
  originalLanguage: string;
  translations: Record<string, { name?: string; description?: string }>;
  version: number;
}

interface Coffee extends Named {
  roaster: Named;
  origin: Named | null;
}

interface Hit {
  kind: string;
  id: string;
  title: string;
  subtitle: string | null;
}

/** Moderators translating at the same instant. */
const RACERS = 6;

/**
 * Translations through `npm start`'s gateway (issue 17): names and descriptions of items and dictionary values
 * in ru, en and es chosen by `?lang=` or Accept-Language with the fallback chain requested → en → original,
 * search finding a Russian-named coffee by its English name and answering titles in the asked language, problem
 * documents in Russian and Spanish, and concurrent translation writes under If-Match.
 */
describe('translations through the gateway', () => {
  let inbox: SmtpInbox;
  let platform: InProcessPlatform;
  let moderator: SignedInUser;
  let roaster: string;
  let origin: string;
  const api = new GatewayApi(() => platform.gatewayUrl);
  const call = api.call.bind(api);

  const ok = <T>(answer: Answer<T>, status = 200): T => {
    expect(answer.status, JSON.stringify(answer.body)).toBe(status);
    return answer.body;
  };

  const search = async (q: string, headers: Record<string, string> = {}, lang?: string) =>
    ok(
      await call<{ items: Hit[] }>(
        'GET',
        `/search?q=${encodeURIComponent(q)}${lang ? `&lang=${lang}` : ''}`,
        undefined,
        undefined,
        headers,
      ),
    ).items;

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    platform = await startInProcessPlatform(inject('testDatabaseUrl'), 'i18n', {
      env: { ...adminEnv(inbox), REGISTRATION_MAX_PER_IP: '100' },
    });
    const users = new IdentityClient(platform.gatewayUrl, inbox);
    await users.admin();
    moderator = await users.withRole('tr_moda', 'moderator');
    roaster = ok(
      await call<{ id: string }>('POST', '/dictionaries/roasters', moderator, { name: 'Зёрна Юга' }),
      201,
    ).id;
    origin = ok(
      await call<{ id: string }>('POST', '/dictionaries/origins', moderator, {
        name: 'Кения',
        countryCode: 'KE',
      }),
      201,
    ).id;
  }, 240_000);

  afterAll(async () => {
    // Whatever a test sent, nothing answered a 5xx.
    expect(api.serverErrors()).toEqual([]);
    await platform?.close();
    await inbox?.close();
  });

  it('finds a Russian-named coffee by its English name and by the English name of its origin', async () => {
    const coffee = ok(
      await call<Coffee>('POST', '/coffees', moderator, {
        name: 'Кения Ньери Пиберри',
        roasterId: roaster,
        originId: origin,
      }),
      201,
    );
    expect(coffee).toMatchObject({ language: 'ru', originalLanguage: 'ru', translations: {} });
    // Not yet translated: the English words find nothing.
    expect((await search('Nyeri Peaberry')).map((hit) => hit.id)).not.toContain(coffee.id);

    const translated = ok(
      await call<Coffee>(
        'PUT',
        `/coffees/${coffee.id}/translations/en`,
        moderator,
        { name: 'Kenya Nyeri Peaberry', description: 'Blackcurrant and tomato' },
        { 'if-match': `"${coffee.version}"` },
      ),
    );
    expect(translated.version).toBe(coffee.version + 1);
    expect(translated.translations.en).toEqual({
      name: 'Kenya Nyeri Peaberry',
      description: 'Blackcurrant and tomato',
    });
    ok(await call('PUT', `/dictionaries/origins/${origin}/translations/en`, moderator, { name: 'Kenya' }));
    ok(await call('PUT', `/dictionaries/origins/${origin}/translations/es`, moderator, { name: 'Kenia' }));

    // Every name finds it: the Russian one, the English one, the origin's English name.
    for (const words of ['Кения Ньери', 'Kenya Nyeri Peaberry', 'peaberry', 'Kenya']) {
      expect(
        (await search(words)).map((hit) => hit.id),
        words,
      ).toContain(coffee.id);
    }
    // A search in English answers the English title; without a language, the original.
    const english = (await search('Kenya Nyeri', { 'accept-language': 'en' })).find(
      (hit) => hit.id === coffee.id,
    );
    expect(english?.title).toBe('Kenya Nyeri Peaberry');
    const original = (await search('Kenya Nyeri')).find((hit) => hit.id === coffee.id);
    expect(original?.title).toBe('Кения Ньери Пиберри');
    // Spanish has no translation of the coffee: the chain falls back to English.
    const spanish = (await search('Kenya Nyeri', {}, 'es')).find((hit) => hit.id === coffee.id);
    expect(spanish?.title).toBe('Kenya Nyeri Peaberry');
  });

  it('chooses by ?lang= before Accept-Language, weighs q-values and falls back to en, then the original', async () => {
    const coffee = ok(
      await call<Coffee>('POST', '/coffees', moderator, {
        name: 'Колумбия Уила',
        roasterId: roaster,
        originId: origin,
      }),
      201,
    );
    ok(
      await call('PUT', `/coffees/${coffee.id}/translations/es`, moderator, {
        name: 'Colombia Huila',
        description: 'Panela y naranja',
      }),
    );
    ok(
      await call('PUT', `/coffees/${coffee.id}/translations/en`, moderator, { name: 'Colombia Huila (en)' }),
    );

    const read = (headers: Record<string, string>, query = '') =>
      call<Coffee>('GET', `/coffees/${coffee.id}${query}`, undefined, undefined, headers);

    const byQuery = await read({ 'accept-language': 'en' }, '?lang=es');
    expect(ok(byQuery)).toMatchObject({
      name: 'Colombia Huila',
      description: 'Panela y naranja',
      language: 'es',
      originalLanguage: 'ru',
      origin: { name: 'Kenia', language: 'es' },
    });
    expect(byQuery.headers.get('content-language')).toBe('es');
    expect(byQuery.headers.get('vary')).toMatch(/accept-language/i);

    const weighted = await read({ 'accept-language': 'es;q=0.9, en;q=0.5' });
    expect(ok(weighted)).toMatchObject({ name: 'Colombia Huila', language: 'es' });
    const englishFirst = await read({ 'accept-language': 'fr-CA, en;q=0.8, es;q=0.5' });
    expect(ok(englishFirst)).toMatchObject({ name: 'Colombia Huila (en)', language: 'en' });
    // English has no description: the chain goes on to the original, which has none.
    expect(englishFirst.body.description).toBeNull();
    const russian = await read({ 'accept-language': 'ru-RU,ru;q=0.9' });
    expect(ok(russian)).toMatchObject({ name: 'Колумбия Уила', language: 'ru', origin: { name: 'Кения' } });

    // The roaster has no translation at all: every language falls back to its original.
    expect(ok(await read({}, '?lang=es')).roaster).toMatchObject({ name: 'Зёрна Юга', language: 'ru' });

    // No Spanish translation of the dictionary value's neighbour: es → en → original.
    const plain = ok(
      await call<Named>('POST', '/dictionaries/origins', moderator, { name: 'Гватемала' }),
      201,
    );
    ok(
      await call('PUT', `/dictionaries/origins/${plain.id}/translations/en`, moderator, {
        name: 'Guatemala',
      }),
    );
    expect(
      ok(await call<Named>('GET', `/dictionaries/origins/${plain.id}?lang=es`, undefined)),
    ).toMatchObject({ name: 'Guatemala', language: 'en' });

    // A language we do not have, or a hostile one, is ignored: the originals, never an error.
    for (const [query, header] of [
      ['?lang=fr', 'de'],
      ['?lang=%3Cscript%3E', '*;q=abc, ,;;;'],
      ['?lang=', 'x'.repeat(300)],
      ['?lang=es&lang=en', ''],
    ] as const) {
      const answer = await read({ 'accept-language': header }, query);
      expect(answer.status, `${query} ${header}: ${JSON.stringify(answer.body)}`).toBe(200);
      expect(['Колумбия Уила', 'Colombia Huila']).toContain(answer.body.name);
    }
    // Lists take ?lang= too (it never reaches a route's query validation).
    const page = ok(
      await call<{ items: Coffee[] }>('GET', `/coffees?lang=es&filter[id][eq]=${coffee.id}`, undefined),
    );
    expect(page.items.map((item) => [item.name, item.origin?.name, item.roaster.language])).toEqual([
      ['Colombia Huila', 'Kenia', 'ru'],
    ]);
  });

  it('answers the tags of check-ins and of the tag cloud in the asked language', async () => {
    const tag = ok(await call<Named>('POST', '/dictionaries/tags', moderator, { name: 'смородина' }), 201);
    ok(await call('PUT', `/dictionaries/tags/${tag.id}/translations/es`, moderator, { name: 'grosella' }));
    const coffee = ok(
      await call<Coffee>('POST', '/coffees', moderator, { name: 'Кения Кири', roasterId: roaster }),
      201,
    );
    const checkin = ok(
      await call<{ id: string }>('POST', `/coffees/${coffee.id}/checkins`, moderator, {
        rating: 4.5,
        tagIds: [tag.id],
      }),
      201,
    );
    const read = ok(await call<{ tags: Named[] }>('GET', `/checkins/${checkin.id}?lang=es`));
    expect(read.tags).toMatchObject([{ id: tag.id, name: 'grosella', language: 'es' }]);
    const cloud = ok(
      await call<{ tags: Named[] }>('GET', '/tags/cloud?kind=coffee', undefined, undefined, {
        'accept-language': 'es',
      }),
    );
    expect(cloud.tags).toMatchObject([{ id: tag.id, name: 'grosella', originalLanguage: 'ru' }]);
  });

  it('answers problems in Russian and Spanish, with the code as it is, and English otherwise', async () => {
    const missing = '0195f6a0-0000-7000-8000-00000000dead';
    const russian = await call<{ title: string; detail: string; code: string }>(
      'GET',
      `/coffees/${missing}`,
      undefined,
      undefined,
      { 'accept-language': 'ru' },
    );
    expectProblem(russian, 404, 'COFFEE_NOT_FOUND');
    expect(russian.body).toMatchObject({ title: 'Не найдено', detail: 'Такого кофе нет.' });
    expect(russian.headers.get('content-language')).toBe('ru');

    const spanish = await call<{ title: string; detail: string }>('GET', `/coffees/${missing}?lang=es`);
    expectProblem(spanish, 404, 'COFFEE_NOT_FOUND');
    expect(spanish.body).toMatchObject({ title: 'No encontrado', detail: 'No existe ese café.' });

    const english = await call<{ title: string; detail: string }>('GET', `/coffees/${missing}`);
    expectProblem(english, 404, 'COFFEE_NOT_FOUND');
    expect(english.body.title).toBe('Not Found');
    expect(english.headers.get('content-language')).toBe('en');

    // A validation problem: its title translated, its field messages as they are; another service too.
    const invalid = await call<{ title: string; errors: unknown[] }>('POST', '/coffees?lang=es', moderator, {
      name: '',
    });
    expectProblem(invalid, 400, 'VALIDATION_FAILED');
    expect(invalid.body.title).toBe('Solicitud incorrecta');
    expect(invalid.body.errors.length).toBeGreaterThan(0);
    const auth = await call<{ title: string }>('GET', '/me', undefined, undefined, {
      'accept-language': 'es-ES,es;q=0.9',
    });
    expect(auth.status).toBe(401);
    expect(auth.body.title).toBe('No autorizado');
  });

  it('refuses translating into the original language and removing what is not there', async () => {
    const coffee = ok(
      await call<Coffee>('POST', '/coffees', moderator, { name: 'Перу Кахамарка', roasterId: roaster }),
      201,
    );
    expectProblem(
      await call('PUT', `/coffees/${coffee.id}/translations/ru`, moderator, { name: 'Перу' }),
      400,
      'TRANSLATION_OF_ORIGINAL',
    );
    expectProblem(
      await call('DELETE', `/coffees/${coffee.id}/translations/es`, moderator),
      404,
      'TRANSLATION_NOT_FOUND',
    );
    expectProblem(
      await call('PUT', `/coffees/${coffee.id}/translations/fr`, moderator, { name: 'Pérou' }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await call('PUT', `/coffees/${coffee.id}/translations/en`, moderator, { name: '   ' }),
      400,
      'VALIDATION_FAILED',
    );
    const user = await new IdentityClient(platform.gatewayUrl, inbox).withRole('tr_user');
    expectProblem(await call('PUT', `/coffees/${coffee.id}/translations/en`, user, { name: 'Peru' }), 403);
    ok(await call('PUT', `/coffees/${coffee.id}/translations/en`, moderator, { name: 'Peru Cajamarca' }));
    const removed = ok(await call<Coffee>('DELETE', `/coffees/${coffee.id}/translations/en`, moderator));
    expect(removed.translations).toEqual({});
    expect((await search('Cajamarca')).map((hit) => hit.id)).not.toContain(coffee.id);
  });

  it('lets one of several translations written at once on the same version win; the rest get 412', async () => {
    const coffee = ok(
      await call<Coffee>('POST', '/coffees', moderator, { name: 'Бразилия Серрадо', roasterId: roaster }),
      201,
    );
    const answers = await atOnce(
      copies(RACERS, (index) =>
        call<Coffee>(
          'PUT',
          `/coffees/${coffee.id}/translations/en`,
          moderator,
          { name: `Brazil Cerrado ${index}` },
          { 'if-match': `"${coffee.version}"` },
        ),
      ),
    );
    expect(tally(answers.map((answer) => answer.status))).toEqual({ 200: 1, 412: RACERS - 1 });
    const winner = answers.find((answer) => answer.status === 200)?.body;
    const now = ok(await call<Coffee>('GET', `/coffees/${coffee.id}`));
    expect(now.version).toBe(coffee.version + 1);
    expect(now.translations.en?.name).toBe(winner?.translations.en?.name);

    // The same on a dictionary value.
    const value = ok(await call<Named>('POST', '/dictionaries/processes', moderator, { name: 'Мытая' }), 201);
    const values = await atOnce(
      copies(RACERS, (index) =>
        call<Named>(
          'PUT',
          `/dictionaries/processes/${value.id}/translations/es`,
          moderator,
          { name: `Lavado ${index}` },
          { 'if-match': `"${value.version}"` },
        ),
      ),
    );
    expect(tally(values.map((answer) => answer.status))).toEqual({ 200: 1, 412: RACERS - 1 });
  });
});
