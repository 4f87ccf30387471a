import { createIsolatedDatabase, ListPlanCheck } from '@agora/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { CHAT_LIST_QUERY, MESSAGE_LIST_QUERY } from '../src/chats/chats.dto.js';
import { CHECKIN_LIST_QUERY, HABIT_LIST_QUERY } from '../src/cotask/habits/habits.dto.js';
import { RELATION_LIST_QUERY } from '../src/follows/follows.dto.js';
import { NOTIFICATION_LIST_QUERY } from '../src/notifications/notifications.dto.js';
import { PROFILE_LIST_QUERY } from '../src/profiles/profiles.dto.js';
import { COMMENT_LIST_QUERY, POST_LIST_QUERY } from '../src/posts/posts.dto.js';
import { startSocialPlatform, type SocialUser } from './social-test-platform.js';

/** Rows per seeded list (and as many again for other users and posts). */
const ROWS = 20_000;

/** Seeded profiles' ids: `md5(tag || n)` read as a uuid. */
const seededId = (tag: string, n: string) => `md5('${tag}' || ${n})::uuid`;
/** Seeded chats' ids: valid (version 4) UUIDs, as the routes' path parameters must be. */
const chatIdOf = (n: string) => `('00000000-0000-4000-a000-' || lpad(to_hex(${n}), 12, '0'))::uuid`;

/**
 * Every social list route, by its default sort and each allow-listed field both ways, with their next
 * pages: on seeded, analysed tables the page's statement walks an index, never the route's whole table
 * (docs/adr/0006-list-engine.md). `search` over profiles is not checked: `ILIKE '%…%'` needs a trigram
 * index, and pg_trgm lives in the catalog schema (an extension is installed once per database).
 */
describe('social list plans', () => {
  let database: { adminUrl: string; drop: () => Promise<void> };
  let platform: Awaited<ReturnType<typeof startSocialPlatform>>;
  let admin: pg.Client;
  let plans: ListPlanCheck;
  /** Followed by and following every seeded profile; the author of the seeded posts. */
  let star: SocialUser;
  /** Blocks, mutes and has follow requests from every seeded profile. */
  let guard: SocialUser;
  let postId: string;
  /** The seeded direct chat of the star's that holds half the messages. */
  let chatId: string;
  /** The star's seeded habit that holds half the check-ins. */
  let habitId: string;

  beforeAll(async () => {
    database = await createIsolatedDatabase(inject('testDatabaseUrl'), 'social_list_plans');
    platform = await startSocialPlatform(database.adminUrl, 'plans');
    star = await platform.user('star');
    guard = await platform.user('guard');
    admin = new pg.Client({ connectionString: database.adminUrl });
    await admin.connect();
    const series = `generate_series(1, ${ROWS}) n`;
    const ago = `now() - n * interval '1 minute'`;
    await admin.query(
      `INSERT INTO social.profiles (id, login, display_name, created_at, updated_at, verified)
       SELECT ${seededId('profile', 'n')}, 'member_' || md5(n::text), 'Member ' || md5(n::text), ${ago}, now(),
              n % 10 <> 0
         FROM generate_series(1, ${2 * ROWS}) n`,
    );
    await admin.query(
      `INSERT INTO social.follows (id, created_at, updated_at, follower_id, followee_id, status)
       SELECT gen_random_uuid(), ${ago}, now(), ${seededId('profile', 'n')}, $1, 'active' FROM ${series}
       UNION ALL
       SELECT gen_random_uuid(), ${ago}, now(), $1, ${seededId('profile', 'n')}, 'active' FROM ${series}
       UNION ALL
       SELECT gen_random_uuid(), ${ago}, now(), ${seededId('profile', 'n')}, $2, 'pending' FROM ${series}
       UNION ALL
       SELECT gen_random_uuid(), ${ago}, now(), ${seededId('profile', 'n')}, ${seededId('profile', `n + ${ROWS}`)}, 'active'
         FROM ${series}`,
      [star.id, guard.id],
    );
    for (const table of [
      'blocks (id, created_at, updated_at, blocker_id, blocked_id)',
      'mutes (id, created_at, updated_at, muter_id, muted_id)',
    ]) {
      await admin.query(
        `INSERT INTO social.${table}
         SELECT gen_random_uuid(), ${ago}, now(), $1, ${seededId('profile', `n + ${ROWS}`)} FROM ${series}
         UNION ALL
         SELECT gen_random_uuid(), ${ago}, now(), ${seededId('profile', 'n')}, ${seededId('profile', `n + ${ROWS}`)}
           FROM ${series}`,
        [guard.id],
      );
    }
    await admin.query(
      `INSERT INTO social.posts (id, created_at, updated_at, author_id, text, visibility)
       SELECT gen_random_uuid(), ${ago}, now(), $1, 'post ' || n, 'public' FROM ${series}
       UNION ALL
       SELECT gen_random_uuid(), ${ago}, now(), ${seededId('profile', 'n')}, 'post ' || n, 'public' FROM ${series}`,
      [star.id],
    );
    const [post, other] = (
      await admin.query<{ id: string }>(
        'SELECT id FROM social.posts WHERE author_id = $1 ORDER BY created_at DESC LIMIT 2',
        [star.id],
      )
    ).rows;
    postId = post.id;
    // Half on the post whose lists are read, half on another.
    await admin.query(
      `INSERT INTO social.comments (id, created_at, updated_at, post_id, author_id, text)
       SELECT gen_random_uuid(), ${ago}, now(), CASE WHEN n % 2 = 0 THEN $1::uuid ELSE $2::uuid END,
              ${seededId('profile', 'n')}, 'comment ' || n
         FROM generate_series(1, ${2 * ROWS}) n`,
      [post.id, other.id],
    );
    await admin.query(
      `INSERT INTO social.post_revisions (id, created_at, updated_at, post_id, version, text, visibility)
       SELECT gen_random_uuid(), ${ago}, now(), CASE WHEN n % 2 = 0 THEN $1::uuid ELSE $2::uuid END, n,
              'revision ' || n, 'public'
         FROM generate_series(1, ${2 * ROWS}) n`,
      [post.id, other.id],
    );
    // Chats: the star is in ROWS direct chats; one of them holds ROWS messages (as many in another).
    await admin.query(
      `INSERT INTO social.chats (id, kind, direct_key, last_message_at, created_at)
       SELECT ${chatIdOf('n')}, 'direct', 'seeded:' || n, ${ago}, ${ago} FROM generate_series(1, ${2 * ROWS}) n`,
    );
    await admin.query(
      `INSERT INTO social.chat_members (id, chat_id, user_id, last_message_at)
       SELECT gen_random_uuid(), ${chatIdOf('n')}, CASE WHEN n <= ${ROWS} THEN $1::uuid ELSE ${seededId('profile', 'n')} END, ${ago}
         FROM generate_series(1, ${2 * ROWS}) n`,
      [star.id],
    );
    await admin.query(
      `INSERT INTO social.chat_messages (id, created_at, updated_at, chat_id, author_id, text)
       SELECT gen_random_uuid(), ${ago}, now(), ${chatIdOf('n % 2 + 1')}, $1, 'message ' || n
         FROM generate_series(1, ${2 * ROWS}) n`,
      [star.id],
    );
    await admin.query(
      `INSERT INTO social.notifications (id, user_id, kind, actor_id, created_at)
       SELECT gen_random_uuid(), CASE WHEN n % 2 = 0 THEN $1::uuid ELSE ${seededId('profile', 'n')} END, 'follower',
              ${seededId('profile', 'n')}, ${ago}
         FROM generate_series(1, ${2 * ROWS}) n`,
      [star.id],
    );
    chatId = (await admin.query<{ id: string }>(`SELECT ${chatIdOf('1')} AS id`)).rows[0].id;
    // Habits: ROWS of the star's, as many of others; two of the star's hold ROWS check-ins each.
    await admin.query(
      `INSERT INTO social.cotask_habits (id, created_at, updated_at, user_id, title, type, schedule, time_zone, start_date)
       SELECT ${chatIdOf('n')}, ${ago}, now(), CASE WHEN n <= ${ROWS} THEN $1::uuid ELSE ${seededId('profile', 'n')} END,
              'habit ' || md5(n::text), 'yes-no', 'daily', 'UTC', DATE '2000-01-01'
         FROM generate_series(1, ${2 * ROWS}) n`,
      [star.id],
    );
    habitId = (await admin.query<{ id: string }>(`SELECT ${chatIdOf('1')} AS id`)).rows[0].id;
    await admin.query(
      `INSERT INTO social.cotask_habit_checkins (id, habit_id, date, kind)
       SELECT gen_random_uuid(), ${chatIdOf('n % 2 + 1')}, DATE '2000-01-01' + n / 2, 'done'
         FROM generate_series(1, ${2 * ROWS}) n`,
    );
    await admin.query('VACUUM ANALYZE');
    plans = new ListPlanCheck(admin);
  }, 180_000);

  afterAll(async () => {
    plans?.close();
    await admin?.end();
    await platform?.close();
    await database?.drop();
  });

  const relations = RELATION_LIST_QUERY.sortable ?? Object.keys(RELATION_LIST_QUERY.fields);
  const routes = () => [
    {
      name: '/profiles',
      path: '/profiles',
      table: 'profiles',
      sortable: PROFILE_LIST_QUERY.sortable ?? Object.keys(PROFILE_LIST_QUERY.fields),
    },
    {
      name: '/profiles/:id/followers',
      path: `/profiles/${star.id}/followers`,
      table: 'follows',
      sortable: relations,
    },
    {
      name: '/profiles/:id/following',
      path: `/profiles/${star.id}/following`,
      table: 'follows',
      sortable: relations,
    },
    {
      name: '/me/follow-requests',
      path: '/me/follow-requests',
      table: 'follows',
      sortable: relations,
      user: guard,
    },
    { name: '/me/blocks', path: '/me/blocks', table: 'blocks', sortable: relations, user: guard },
    { name: '/me/mutes', path: '/me/mutes', table: 'mutes', sortable: relations, user: guard },
    {
      name: '/profiles/:id/posts',
      path: `/profiles/${star.id}/posts`,
      table: 'posts',
      sortable: POST_LIST_QUERY.sortable ?? Object.keys(POST_LIST_QUERY.fields),
    },
    {
      name: '/posts/:id/comments',
      path: `/posts/${postId}/comments`,
      table: 'comments',
      sortable: COMMENT_LIST_QUERY.sortable ?? Object.keys(COMMENT_LIST_QUERY.fields),
    },
    {
      name: '/posts/:id/history',
      path: `/posts/${postId}/history`,
      table: 'post_revisions',
      sortable: POST_LIST_QUERY.sortable ?? Object.keys(POST_LIST_QUERY.fields),
    },
    {
      name: '/chats',
      path: '/chats',
      table: 'chat_members',
      sortable: CHAT_LIST_QUERY.sortable ?? Object.keys(CHAT_LIST_QUERY.fields),
      user: star,
    },
    {
      name: '/chats/:id/messages',
      path: `/chats/${chatId}/messages`,
      table: 'chat_messages',
      sortable: MESSAGE_LIST_QUERY.sortable ?? Object.keys(MESSAGE_LIST_QUERY.fields),
      user: star,
    },
    {
      name: '/notifications',
      path: '/notifications',
      table: 'notifications',
      sortable: NOTIFICATION_LIST_QUERY.sortable ?? Object.keys(NOTIFICATION_LIST_QUERY.fields),
      user: star,
    },
    {
      name: '/habits',
      path: '/habits',
      table: 'cotask_habits',
      sortable: HABIT_LIST_QUERY.sortable ?? Object.keys(HABIT_LIST_QUERY.fields),
      user: star,
    },
    {
      name: '/habits/:id/checkins',
      path: `/habits/${habitId}/checkins`,
      table: 'cotask_habit_checkins',
      sortable: CHECKIN_LIST_QUERY.sortable ?? Object.keys(CHECKIN_LIST_QUERY.fields),
      user: star,
    },
  ];

  it.each([
    '/profiles',
    '/profiles/:id/followers',
    '/profiles/:id/following',
    '/me/follow-requests',
    '/me/blocks',
    '/me/mutes',
    '/profiles/:id/posts',
    '/posts/:id/comments',
    '/posts/:id/history',
    '/chats',
    '/chats/:id/messages',
    '/notifications',
    '/habits',
    '/habits/:id/checkins',
  ])('%s picks its page by index for every sort and cursor', async (name) => {
    const { name: _name, ...route } = routes().find((candidate) => candidate.name === name)!;
    await plans.expectRouteIndexed({
      ...route,
      get: (target) => platform.call('GET', target, 'user' in route ? route.user : undefined),
    });
  });
});
