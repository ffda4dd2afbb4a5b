# Production image: compiled JavaScript, Debian's ffmpeg and CJK font, and a non-root runtime
# (the privacy policy promises it).
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src src
COPY views views
COPY db db
RUN npx tsc -p tsconfig.build.json && npm prune --omit=dev
# Litestream 0.3.13 for streamed backups, only in the image: its per-platform optional packages
# do not survive package-lock.json (npm records only the platform it ran on), which breaks npm ci.
RUN npm install --no-save --no-audit --no-fund @flydotio/litestream@1.0.1

FROM node:20-bookworm-slim
RUN apt-get update \
  && apt-get install -y --no-install-recommends ffmpeg fonts-noto-cjk ca-certificates \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY package.json ./
COPY db/migrations db/migrations
COPY static static
COPY backups backups
COPY docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080 DATA_DIR=/data
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]
# Streams the SQLite WAL off-site when LITESTREAM_REPLICA_URL is set (see backups/README.md).
CMD ["backups/run-with-litestream.sh", "node", "dist/src/main.js"]
