# syntax=docker/dockerfile:1
# The bot as a container: docker build -t sovereign-ai-bot . (see README.md → Deployment).

# --- build: dependencies (better-sqlite3 compiles from source when no prebuilt binary can be
# downloaded, so the compiler toolchain is here), then TypeScript to dist/ ---
FROM node:20-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# node-gyp builds against the headers this image ships instead of downloading them.
ENV npm_config_nodedir=/usr/local
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY runtime ./runtime
COPY adapters ./adapters
COPY scripts/report.ts scripts/check-corpus.ts ./scripts/
COPY corpus ./corpus
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

# --- runtime: node, the compiled bot, production dependencies and the corpus; no compiler ---
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    LOG_FORMAT=json \
    CORPUS_DIR=/app/corpus \
    QUESTION_LOG=/data/questions.db \
    PORT=3000 \
    HEALTH_PORT=8080
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/corpus ./corpus
RUN mkdir -p /data && chown node:node /data
# The image's own user (uid 1000), never root.
USER node
# The corpus (mount yours over it to edit it live) and the question log.
VOLUME ["/app/corpus", "/data"]
# 3000: Slack HTTP mode (POST /slack/events); 8080: /healthz, /readyz, /metrics.
EXPOSE 3000 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["node", "dist/runtime/healthcheck.js"]
# SIGTERM: answers in flight are finished (SHUTDOWN_TIMEOUT_MS), the question log is flushed.
STOPSIGNAL SIGTERM
CMD ["node", "dist/adapters/main.js"]
