/** The viewer as query builders bind it (`:viewerId`). */
const VIEWER_PARAMETER = 'CAST(:viewerId AS uuid)';

/**
 * SQL that is true when the viewer (`:viewerId`, or the SQL expression `viewer`; null for anonymous callers)
 * may read the post under `alias`: its author's profile is public, and the viewer is the author, or neither
 * blocked the other and the post is public on an open account or the viewer follows the author (accepted).
 * Only the post's own columns are used, so it fits list queries whose joins only load relations.
 */
export function visibleTo(alias: string, viewer = VIEWER_PARAMETER): string {
  const post = `"${alias}"`;
  return `EXISTS (
    SELECT 1 FROM "social"."profiles" "visible_author"
     WHERE "visible_author"."id" = ${post}."author_id" AND "visible_author"."verified"
       AND (
         ${post}."author_id" = ${viewer}
         OR (
           NOT EXISTS (
             SELECT 1 FROM "social"."blocks" "visible_block"
              WHERE ("visible_block"."blocker_id" = ${viewer} AND "visible_block"."blocked_id" = ${post}."author_id")
                 OR ("visible_block"."blocker_id" = ${post}."author_id" AND "visible_block"."blocked_id" = ${viewer})
           )
           AND (
             (${post}."visibility" = 'public' AND NOT "visible_author"."private")
             OR EXISTS (
               SELECT 1 FROM "social"."follows" "visible_follow"
                WHERE "visible_follow"."follower_id" = ${viewer} AND "visible_follow"."followee_id" = ${post}."author_id"
                  AND "visible_follow"."status" = 'active'
             )
           )
         )
       )
  )`;
}

/**
 * SQL that is true when the post under `alias` belongs in the home feed of `viewer` (an SQL expression):
 * the viewer's own, or by an author the viewer follows (accepted) and has not muted. With visibleTo, what
 * a feed read shows of the entries in a timeline.
 */
export function inHomeFeedOf(alias: string, viewer = VIEWER_PARAMETER): string {
  const post = `"${alias}"`;
  return `(${post}."author_id" = ${viewer} OR (
    EXISTS (SELECT 1 FROM "social"."follows" "feed_follow"
             WHERE "feed_follow"."follower_id" = ${viewer}
               AND "feed_follow"."followee_id" = ${post}."author_id" AND "feed_follow"."status" = 'active')
    AND NOT EXISTS (SELECT 1 FROM "social"."mutes" "feed_mute"
                     WHERE "feed_mute"."muter_id" = ${viewer} AND "feed_mute"."muted_id" = ${post}."author_id")))`;
}
