import { SERVICE_NAMES, SERVICES, type ServiceName } from '../services.js';
import {
  API_PREFIX,
  BODY_LIMITS,
  GATEWAY_DOCS_PATH,
  GATEWAY_DOCS_SERVICE,
  GATEWAY_HEALTH_PATH,
  GATEWAY_RATE_ZONES,
  GATEWAY_ROUTES,
  SERVICE_DOCS_JSON_PATH,
  SERVICE_GATEWAY_DOCS_PATH,
  bodyLimitOf,
  gatewaySpecPath,
  type GatewayRateZone,
  type GatewayRoute,
  type RateZoneName,
} from './routes.js';
import {
  WEB_ASSETS_PATH,
  WEB_CACHE_CONTROL,
  WEB_COMPRESSIBLE_EXTENSIONS,
  WEB_CONTENT_SECURITY_POLICY,
  WEB_CONTENT_TYPES,
  WEB_HTML_HEADERS,
} from './web.js';

export interface NginxRenderOptions {
  /** `host:port` of each service's upstream. */
  readonly upstreams: Readonly<Record<ServiceName, string>>;
  readonly listenPort: number;
  /** The web app's build (`index.html`, `assets/`), as nginx sees it: served at `/`. */
  readonly webRoot: string;
  /** Folder holding `gateway-health.js` (njs), as nginx sees it. */
  readonly njsDir: string;
  readonly pidFile: string;
  readonly errorLog: string;
  readonly accessLog: string;
  /** Folder for nginx's temporary files; the image default when absent. */
  readonly tempDir?: string;
  /** Module path of Debian's libnginx-mod-http-js and of the nginx image alike. */
  readonly njsModule?: string;
  /**
   * DNS server nginx re-resolves the upstream host names with (every 10 s): each name then stands for every
   * address it has, so compose's replicas of a service (`deploy.replicas`) all take requests, and a replica that
   * restarts with a new address is found again. Needs nginx 1.27.3 or newer (`server … resolve`); absent, the
   * names are resolved once at start.
   */
  readonly resolver?: string;
  /** Other rates than GATEWAY_RATE_ZONES' (load tests from one address); the committed config has none. */
  readonly rateZones?: Partial<Record<RateZoneName, GatewayRateZone>>;
}

/** Upstreams and paths as docker-compose runs them: the committed `nginx/nginx.conf`. */
export const COMPOSE_NGINX_OPTIONS: NginxRenderOptions = {
  upstreams: Object.fromEntries(
    SERVICE_NAMES.map((name) => [name, `${SERVICES[name].host}:${SERVICES[name].port}`]),
  ) as Record<ServiceName, string>,
  listenPort: 8080,
  // The image's `web` stage (Dockerfile) copies dist/web here.
  webRoot: '/usr/share/agora/web',
  // Docker's embedded DNS: a service name resolves to the addresses of all its replicas.
  resolver: '127.0.0.11',
  njsDir: '/etc/nginx/agora',
  pidFile: '/tmp/nginx.pid',
  errorLog: '/dev/stderr',
  accessLog: '/dev/stdout',
};

const upstreamName = (service: ServiceName): string => `${service}_service`;
const zoneName = (zone: RateZoneName): string => `agora_${zone.toLowerCase()}`;

const PROXY_HEADERS = [
  'proxy_http_version 1.1;',
  'proxy_set_header Host $host;',
  'proxy_set_header Connection "";',
  'proxy_set_header X-Request-Id $agora_request_id;',
  'proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
  'proxy_set_header X-Forwarded-Proto $scheme;',
];

/** Headers of the answers nginx writes itself (a location with add_header inherits none from the server). */
const OWN_ANSWER_HEADERS = [
  'add_header X-Request-Id $agora_request_id always;',
  'add_header X-Content-Type-Options nosniff always;',
  'add_header Cache-Control no-store always;',
];

function location(modifier: '=' | '', path: string, body: string[]): string {
  const head = modifier ? `location ${modifier} ${path}` : `location ${path}`;
  return [`    ${head} {`, ...body.map((line) => `      ${line}`), '    }'].join('\n');
}

function proxy(service: ServiceName, target: string, extra: string[] = []): string[] {
  return [...extra, ...PROXY_HEADERS, `proxy_pass http://${upstreamName(service)}${target};`];
}

/** A problem+json answer written by nginx, with the same members as the services' problems. */
function problemAnswer(status: number, title: string, code: string, detail: string): string {
  const body = JSON.stringify({ type: 'about:blank', title, status, detail, code }).replace(
    /}$/,
    ',"requestId":"$agora_request_id"}',
  );
  return `return ${status} '${body}';`;
}

/** Seconds a client should wait after a 429 in this zone: one request's share of the rate. */
function retryAfterSeconds(zone: GatewayRateZone): number {
  const [count, unit] = zone.rate.replace('r/', ' ').split(' ');
  return unit === 'm' ? Math.max(1, Math.ceil(60 / Number(count))) : 1;
}

function rateLimited(zone: RateZoneName, settings: GatewayRateZone): string {
  return location('', `@rate_limited_${zone}`, [
    'default_type application/problem+json;',
    ...OWN_ANSWER_HEADERS,
    `add_header Retry-After ${retryAfterSeconds(settings)} always;`,
    problemAnswer(
      429,
      'Too Many Requests',
      'RATE_LIMITED',
      'Too many requests from this address; see Retry-After',
    ),
  ]);
}

function ownErrorPages(zone: RateZoneName): string[] {
  return [
    // A request line too long to parse has no URI to redirect from: its page is a URI, not a named location.
    'error_page 414 494 = /_errors/uri-too-long;',
    // A path nginx refuses to normalize (`/../` above the root, an encoded NUL) or a malformed request.
    'error_page 400 = /_errors/bad-request;',
    'error_page 413 = @payload_too_large;',
    `error_page 429 = @rate_limited_${zone};`,
    'error_page 502 503 504 = @unavailable;',
  ];
}

function routeLocations(route: GatewayRoute, zones: Record<RateZoneName, GatewayRateZone>): string[] {
  if (route.websocket) {
    return [
      location('', route.path, [
        'proxy_http_version 1.1;',
        'proxy_set_header Upgrade $http_upgrade;',
        'proxy_set_header Connection $connection_upgrade;',
        'proxy_set_header Host $host;',
        'proxy_set_header X-Request-Id $agora_request_id;',
        'proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
        'proxy_read_timeout 1h;',
        `proxy_pass http://${upstreamName(route.service)}${route.target};`,
      ]),
    ];
  }
  const limits = (exactPath: boolean): string[] => [
    `client_max_body_size ${bodyLimitOf(route, exactPath)};`,
    `limit_req zone=${zoneName('api')} burst=${zones.api.burst} nodelay;`,
    ...(route.rateZone
      ? [`limit_req zone=${zoneName(route.rateZone)} burst=${zones[route.rateZone].burst} nodelay;`]
      : []),
    ...ownErrorPages(route.rateZone ?? 'api'),
  ];
  return [
    location('=', route.path, proxy(route.service, route.target, limits(true))),
    ...(route.exact
      ? []
      : [location('', `${route.path}/`, proxy(route.service, `${route.target}/`, limits(false)))]),
  ];
}

/** Headers only the app's HTML pages carry: a map from the answer's content type to each value. */
const WEB_HTML_ONLY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': WEB_CONTENT_SECURITY_POLICY,
  'Referrer-Policy': WEB_HTML_HEADERS['referrer-policy'],
  'X-Frame-Options': WEB_HTML_HEADERS['x-frame-options'],
  'Cross-Origin-Opener-Policy': WEB_HTML_HEADERS['cross-origin-opener-policy'],
};

const htmlHeaderVariable = (header: string): string =>
  `$agora_web_${header.toLowerCase().replace(/-/g, '_')}`;

function webHeaderMaps(): string[] {
  return Object.entries(WEB_HTML_ONLY_HEADERS).flatMap(([header, value]) => [
    `  map $sent_http_content_type ${htmlHeaderVariable(header)} {`,
    `    ~^text/html "${value}";`,
    "    default '';",
    '  }',
  ]);
}

/** Headers of the web app's files (a header whose value is empty is not sent). */
function webHeaders(cacheControl: string): string[] {
  return [
    'add_header X-Request-Id $agora_request_id always;',
    'add_header X-Content-Type-Options nosniff always;',
    `add_header Cache-Control "${cacheControl}";`,
    ...Object.keys(WEB_HTML_ONLY_HEADERS).map(
      (header) => `add_header ${header} ${htmlHeaderVariable(header)};`,
    ),
  ];
}

/** `types` of the build's files: the content types the Node gateway sends, without their parameters. */
function webTypes(): string[] {
  const byType = new Map<string, string[]>();
  for (const [extension, type] of Object.entries(WEB_CONTENT_TYPES)) {
    const bare = type.split(';')[0];
    byType.set(bare, [...(byType.get(bare) ?? []), extension]);
  }
  return ['types {', ...[...byType].map(([type, extensions]) => `  ${type} ${extensions.join(' ')};`), '}'];
}

/**
 * The web app at `/`, as the Node gateway serves it (apps/platform/src/gateway/web-root.ts): a file of the
 * build as it is, hashed assets cached for good, a path without a file extension answered with index.html
 * (the app's router draws the page), a missing file with an extension or a hidden name a 404 problem, other
 * methods than GET and HEAD a 405 problem, and a 503 problem while the build has no index.html.
 */
function webLocations(webRoot: string): string[] {
  const compressedTypes = [
    ...new Set(
      WEB_COMPRESSIBLE_EXTENSIONS.filter((extension) => extension !== 'html').map(
        (extension) => WEB_CONTENT_TYPES[extension].split(';')[0],
      ),
    ),
  ];
  const nested = (head: string, body: string[]): string[] => [
    `location ${head} {`,
    ...body.map((line) => `  ${line}`),
    '}',
  ];
  return [
    location('', '/', [
      `root ${webRoot};`,
      ...webTypes(),
      'charset utf-8;',
      'charset_types text/css text/javascript text/plain;',
      'gzip on;',
      'gzip_vary on;',
      'gzip_comp_level 6;',
      'gzip_min_length 256;',
      `gzip_types ${compressedTypes.join(' ')};`,
      ...webHeaders(WEB_CACHE_CONTROL.revalidate),
      ...ownErrorPages('api'),
      'error_page 404 = @web_not_found;',
      'error_page 405 = @web_method_not_allowed;',
      'try_files $uri /index.html;',
      ...nested('= /index.html', ['try_files $uri @web_not_built;']),
      ...nested(`^~ ${WEB_ASSETS_PATH}`, [...webHeaders(WEB_CACHE_CONTROL.assets), 'try_files $uri =404;']),
      // Hidden names (.env) are never served; a path with a file extension is that file or a 404.
      ...nested('~ "/\\."', ['return 404;']),
      ...nested('~ "\\.[^/]*$"', ['try_files $uri =404;']),
    ]),
    location('', '@web_not_found', [
      // No type by the path's extension (`/index.html`): the problem's own.
      'types { }',
      'default_type application/problem+json;',
      ...OWN_ANSWER_HEADERS,
      problemAnswer(404, 'Not Found', 'NOT_FOUND', 'No file at this path'),
    ]),
    location('', '@web_method_not_allowed', [
      // No type by the path's extension (`/index.html`): the problem's own.
      'types { }',
      'default_type application/problem+json;',
      ...OWN_ANSWER_HEADERS,
      'add_header Allow "GET, HEAD" always;',
      problemAnswer(405, 'Method Not Allowed', 'METHOD_NOT_ALLOWED', 'The web app answers GET and HEAD only'),
    ]),
    location('', '@web_not_built', [
      // No type by the path's extension (`/index.html`): the problem's own.
      'types { }',
      'default_type application/problem+json;',
      ...OWN_ANSWER_HEADERS,
      problemAnswer(
        503,
        'Service Unavailable',
        'SERVICE_UNAVAILABLE',
        'The web app is not built: run `npm run build` (it writes dist/web)',
      ),
    ]),
  ];
}

/** A zone per GATEWAY_RATE_ZONES entry, keyed by the client address (only for its methods, if it names some). */
function rateZoneDirectives(zones: Record<RateZoneName, GatewayRateZone>): string[] {
  return Object.entries(zones).flatMap(([name, zone]) => {
    const zoneKey = zone.methods ? `$agora_${name.toLowerCase()}_key` : '$binary_remote_addr';
    const keyMap = zone.methods
      ? [
          `  map $request_method ${zoneKey} {`,
          ...zone.methods.map((method) => `    ${method} $binary_remote_addr;`),
          "    default '';",
          '  }',
        ]
      : [];
    const note = zone.note ? [`  # ${zone.note}`] : [];
    return [
      ...note,
      ...keyMap,
      `  limit_req_zone ${zoneKey} zone=${zoneName(name as RateZoneName)}:10m rate=${zone.rate};`,
    ];
  });
}

/** The nginx configuration for the gateway, generated from the route table. */
export function renderNginxConf(options: NginxRenderOptions): string {
  const zones = { ...GATEWAY_RATE_ZONES, ...options.rateZones } as Record<RateZoneName, GatewayRateZone>;
  const temp = options.tempDir
    ? ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
        (kind) => `  ${kind}_temp_path ${options.tempDir}/${kind};`,
      )
    : [];
  // Passive health checks: a replica that fails 3 times is left alone for 10 s while the others take its share;
  // idle connections to the replicas are kept (keepalive) so requests skip the TCP handshake.
  const upstreams = SERVICE_NAMES.map((name) =>
    [
      `  upstream ${upstreamName(name)} {`,
      ...(options.resolver ? [`    zone ${upstreamName(name)} 64k;`] : []),
      `    server ${options.upstreams[name]} max_fails=3 fail_timeout=10s${options.resolver ? ' resolve' : ''};`,
      '    keepalive 16;',
      '  }',
    ].join('\n'),
  );
  const readiness = SERVICE_NAMES.map((name) =>
    location('=', `/_ready/${name}`, ['internal;', ...proxy(name, '/health/ready')]),
  );
  const specs = SERVICE_NAMES.map((name) =>
    location('=', gatewaySpecPath(name), proxy(name, SERVICE_DOCS_JSON_PATH)),
  );
  // A path under /api that no route takes is the API's 404, never the web app.
  const apiNotFound = [
    'default_type application/problem+json;',
    ...OWN_ANSWER_HEADERS,
    problemAnswer(404, 'Not Found', 'NOT_FOUND', 'No route for this path'),
  ];
  const errorLocations = [
    location('', '@payload_too_large', [
      'default_type application/problem+json;',
      ...OWN_ANSWER_HEADERS,
      problemAnswer(
        413,
        'Payload Too Large',
        'PAYLOAD_TOO_LARGE',
        `Request bodies are limited to ${BODY_LIMITS.json} bytes (${BODY_LIMITS.upload} for uploads)`,
      ),
    ]),
    location('=', '/_errors/uri-too-long', [
      'internal;',
      'default_type application/problem+json;',
      ...OWN_ANSWER_HEADERS,
      problemAnswer(414, 'URI Too Long', 'URI_TOO_LONG', 'The request line or its headers are too long'),
    ]),
    location('=', '/_errors/bad-request', [
      'internal;',
      'default_type application/problem+json;',
      ...OWN_ANSWER_HEADERS,
      problemAnswer(400, 'Bad Request', 'BAD_REQUEST', 'The request is malformed'),
    ]),
    location('', '@unavailable', [
      'default_type application/problem+json;',
      ...OWN_ANSWER_HEADERS,
      problemAnswer(502, 'Bad Gateway', 'BAD_GATEWAY', 'The service is unavailable'),
    ]),
    ...Object.entries(zones).map(([name, zone]) => rateLimited(name as RateZoneName, zone)),
  ];
  return `# Generated from libs/contracts/src/gateway/routes.ts by \`npm run nginx:generate\`; do not edit.
# A test fails when this file drifts from the route table.
load_module ${options.njsModule ?? '/usr/lib/nginx/modules/ngx_http_js_module.so'};
worker_processes auto;
pid ${options.pidFile};
error_log ${options.errorLog} warn;

events {
  worker_connections 1024;
}

http {
  default_type application/octet-stream;
  sendfile on;
  keepalive_timeout 65;
  server_tokens off;
  client_max_body_size ${BODY_LIMITS.json};
${temp.join('\n')}
  js_path ${options.njsDir};
  js_import health from gateway-health.js;

  # Keep the caller's request id, or use nginx's own; services log it and carry it across Kafka.
  map $http_x_request_id $agora_request_id {
    default $http_x_request_id;
    '' $request_id;
  }
  map $http_upgrade $connection_upgrade {
    default upgrade;
    '' close;
  }
  # The web app's pages carry these headers; its other files do not.
${webHeaderMaps().join('\n')}
  log_format agora_json escape=json '{"time":"$time_iso8601","requestId":"$agora_request_id",'
    '"method":"$request_method","uri":"$request_uri","status":$status,'
    '"durationMs":$request_time,"upstream":"$upstream_addr","bytes":$body_bytes_sent}';
  access_log ${options.accessLog} agora_json;

  # nginx adds these headers to every answer itself; hide the services' copies so clients see one.
  proxy_hide_header X-Request-Id;
  proxy_hide_header X-Content-Type-Options;

${rateZoneDirectives(zones).join('\n')}
  limit_req_status 429;
${options.resolver ? `\n  resolver ${options.resolver} valid=10s ipv6=off;\n` : ''}
${upstreams.join('\n')}

  server {
    listen ${options.listenPort};
    add_header X-Request-Id $agora_request_id always;
    add_header X-Content-Type-Options nosniff always;
    ${ownErrorPages('api').join('\n    ')}

    location = ${GATEWAY_HEALTH_PATH} {
      ${OWN_ANSWER_HEADERS.join('\n      ')}
      js_content health.check;
    }
${readiness.join('\n')}
${specs.join('\n')}
${location('=', GATEWAY_DOCS_PATH, proxy(GATEWAY_DOCS_SERVICE, SERVICE_GATEWAY_DOCS_PATH))}
${location('', `${GATEWAY_DOCS_PATH}/`, proxy(GATEWAY_DOCS_SERVICE, `${SERVICE_GATEWAY_DOCS_PATH}/`))}
${GATEWAY_ROUTES.flatMap((route) => routeLocations(route, zones)).join('\n')}
${errorLocations.join('\n')}
${location('=', API_PREFIX, apiNotFound)}
${location('', `${API_PREFIX}/`, apiNotFound)}
${webLocations(options.webRoot).join('\n')}
  }
}
`;
}

/** The njs module behind `GET /api/health`: 200 only when every service is ready. */
export function renderNginxHealthScript(): string {
  return `// Generated from libs/contracts/src/gateway/nginx.ts; do not edit.
var SERVICES = ${JSON.stringify(SERVICE_NAMES)};

async function check(r) {
  var results = await Promise.all(
    SERVICES.map(function (name) {
      return r.subrequest('/_ready/' + name).then(
        function (reply) { return { service: name, status: reply.status }; },
        function () { return { service: name, status: 502 }; }
      );
    })
  );
  var services = {};
  var ready = true;
  results.forEach(function (result) {
    services[result.service] = result.status === 200 ? 'ready' : 'unavailable';
    if (result.status !== 200) { ready = false; }
  });
  if (ready) {
    r.headersOut['Content-Type'] = 'application/json';
    r.return(200, JSON.stringify({ status: 'ready', services: services }));
  } else {
    r.headersOut['Content-Type'] = 'application/problem+json';
    r.return(503, JSON.stringify({
      type: 'about:blank', title: 'Service Unavailable', status: 503,
      detail: 'Not every service is ready', services: services
    }));
  }
}

export default { check };
`;
}
