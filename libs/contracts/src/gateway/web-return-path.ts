/**
 * A path of the web app to return to after a sign-in (`?next=`): starts with one `/`, so it never names another
 * origin (`//host`, `/\host`), and holds no control character (URL parsers drop tabs and newlines, which would
 * make `/\t/host` another origin). The services redirect to it only as an absolute URL at PUBLIC_URL; the web app
 * (apps/web, which imports this file alone) navigates to it.
 */
export const WEB_RETURN_PATH_PATTERN = /^\/(?![/\\])\P{Cc}*$/u;
