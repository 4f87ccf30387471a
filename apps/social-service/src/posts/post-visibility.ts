/**
 * SQL that is true when the viewer (`:viewerId`, null for anonymous callers) may read the post under
 * `alias`: its author's profile is public, and the viewer is the author, or neither blocked the other and
 * the post is public on an open account or the viewer follows the author (accepted). Only the post's own
 * columns are used, so it fits list queries whose joins only load relations.
 */
export function visibleTo(alias: string): string {
  const post = `"${alias}"`;
  const viewer = 'CAST(:viewerId AS uuid)';
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
