// `npm run nginx:generate`: writes nginx/nginx.conf and nginx/gateway-health.js from the route table.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { COMPOSE_NGINX_OPTIONS, renderNginxConf, renderNginxHealthScript } from './nginx.js';

const target = path.resolve(process.argv[2] ?? 'nginx');
writeFileSync(path.join(target, 'nginx.conf'), renderNginxConf(COMPOSE_NGINX_OPTIONS));
writeFileSync(path.join(target, 'gateway-health.js'), renderNginxHealthScript());
console.log(`wrote ${path.join(target, 'nginx.conf')} and gateway-health.js`);
