# syntax=docker/dockerfile:1
# One image for all five services; docker-compose picks the entry point per service
# (dist/apps/<name>-service/src/main.js) and runs `migrate` once before them. The `web` stage is compose's nginx:
# the image's nginx with the web app's build (dist/web) baked in; its config is mounted (nginx/nginx.conf).
# Built on a current LTS Node: production does not run the end-of-life Node 20 of the dev machines.

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json nest-cli.json ./
COPY scripts ./scripts
COPY apps ./apps
COPY libs ./libs
# The web app (apps/web) imports the generated API client.
COPY clients ./clients
RUN node scripts/build.mjs && npm prune --omit=dev

# nginx 1.27.3+ for `server … resolve` (docker-compose.yml); the path is COMPOSE_NGINX_OPTIONS.webRoot.
FROM nginx:1.27.5 AS web
COPY --from=build /app/dist/web /usr/share/agora/web

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production
# Two glibc malloc arenas instead of one per thread (up to 8 per core): about 5 MB less per idle service (README, "Memory").
ENV MALLOC_ARENA_MAX=2
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3001 3002 3003 3004 3005
HEALTHCHECK --interval=10s --timeout=3s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/apps/auth-service/src/main.js"]
