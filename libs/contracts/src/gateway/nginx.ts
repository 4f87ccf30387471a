import { SERVICE_NAMES, SERVICES, type ServiceName } from '../services.js';
import {
  GATEWAY_DOCS_PATH,
  GATEWAY_DOCS_SERVICE,
  GATEWAY_HEALTH_PATH,
  GATEWAY_ROUTES,
  SERVICE_DOCS_JSON_PATH,
  SERVICE_GATEWAY_DOCS_PATH,
  gatewaySpecPath,
  type GatewayRoute,
} from './routes.js';

export interface NginxRenderOptions {
  /** `host:port` of each service's upstream. */
  readonly upstreams: Readonly<Record<ServiceName, string>>;
  readonly listenPort: number;
  /** Folder holding `gateway-health.js` (njs), as nginx sees it. */
  readonly njsDir: string;
  readonly pidFile: string;
  readonly errorLog: string;
  readonly accessLog: string;
  /** Folder for nginx's temporary files; the image default when absent. */
  readonly tempDir?: string;
  /** Module path of Debian's libnginx-mod-http-js and of the nginx image alike. */
  readonly njsModule?: string;
}

/** Upstreams and paths as docker-compose runs them: the committed `nginx/nginx.conf`. */
export const COMPOSE_NGINX_OPTIONS: NginxRenderOptions = {
  upstreams: Object.fromEntries(
    SERVICE_NAMES.map((name) => [name, `${SERVICES[name].host}:${SERVICES[name].port}`]),
  ) as Record<ServiceName, string>,
  listenPort: 8080,
  njsDir: '/etc/nginx/agora',
  pidFile: '/tmp/nginx.pid',
  errorLog: '/dev/stderr',
  accessLog: '/dev/stdout',
};

const upstreamName = (service: ServiceName): string => `${service}_service`;

const PROXY_HEADERS = [
  'proxy_http_version 1.1;',
  'proxy_set_header Host $host;',
  'proxy_set_header Connection "";',
  'proxy_set_header X-Request-Id $agora_request_id;',
  'proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
  'proxy_set_header X-Forwarded-Proto $scheme;',
];

function location(modifier: '=' | '', path: string, body: string[]): string {
  const head = modifier ? `location = ${path}` : `location ${path}`;
  return [`    ${head} {`, ...body.map((line) => `      ${line}`), '    }'].join('\n');
}

function proxy(service: ServiceName, target: string, extra: string[] = []): string[] {
  return [...extra, ...PROXY_HEADERS, `proxy_pass http://${upstreamName(service)}${target};`];
}

function routeLocations(route: GatewayRoute): string[] {
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
  const limits = ['limit_req zone=agora_api burst=200 nodelay;'];
  return [
    location('=', route.path, proxy(route.service, route.target, limits)),
    location('', `${route.path}/`, proxy(route.service, `${route.target}/`, limits)),
  ];
}

/** The nginx configuration for the gateway, generated from the route table. */
export function renderNginxConf(options: NginxRenderOptions): string {
  const temp = options.tempDir
    ? ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
        (kind) => `  ${kind}_temp_path ${options.tempDir}/${kind};`,
      )
    : [];
  const upstreams = SERVICE_NAMES.map(
    (name) =>
      `  upstream ${upstreamName(name)} {\n    server ${options.upstreams[name]};\n    keepalive 16;\n  }`,
  );
  const readiness = SERVICE_NAMES.map((name) =>
    location('=', `/_ready/${name}`, ['internal;', ...proxy(name, '/health/ready')]),
  );
  const specs = SERVICE_NAMES.map((name) =>
    location('=', gatewaySpecPath(name), proxy(name, SERVICE_DOCS_JSON_PATH)),
  );
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
  client_max_body_size 25m;
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
  log_format agora_json escape=json '{"time":"$time_iso8601","requestId":"$agora_request_id",'
    '"method":"$request_method","uri":"$request_uri","status":$status,'
    '"durationMs":$request_time,"upstream":"$upstream_addr","bytes":$body_bytes_sent}';
  access_log ${options.accessLog} agora_json;

  # nginx adds the request id header itself; hide the services' copy so clients see one.
  proxy_hide_header X-Request-Id;

  limit_req_zone $binary_remote_addr zone=agora_api:10m rate=100r/s;
  limit_req_status 429;

${upstreams.join('\n')}

  server {
    listen ${options.listenPort};
    add_header X-Request-Id $agora_request_id always;

    location = ${GATEWAY_HEALTH_PATH} {
      js_content health.check;
    }
${readiness.join('\n')}
${specs.join('\n')}
${location('=', GATEWAY_DOCS_PATH, proxy(GATEWAY_DOCS_SERVICE, SERVICE_GATEWAY_DOCS_PATH))}
${location('', `${GATEWAY_DOCS_PATH}/`, proxy(GATEWAY_DOCS_SERVICE, `${SERVICE_GATEWAY_DOCS_PATH}/`))}
${GATEWAY_ROUTES.flatMap(routeLocations).join('\n')}
    location / {
      default_type application/problem+json;
      return 404 '{"type":"about:blank","title":"Not Found","status":404,"detail":"No route for this path"}';
    }
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
