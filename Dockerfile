# Production image: compiled JavaScript on Node 20 (Debian bookworm slim), Debian's ffmpeg,
# the CJK caption font, fluidsynth and its GM soundfont for the music, Litestream for streamed backups, and no process of the app running as root
# (the privacy policy promises a non-root container). README.md, "Deploy", shows how to run it.
#
#   docker build -t lumina .                  USER node from the start (plain Docker, a VM)
#   docker build --target fly -t lumina .     starts as root only to hand a root-owned volume to
#                                             node, then drops root for good (fly.toml uses it)

# 1. Compile TypeScript (dev dependencies and a C++ toolchain live only in this stage).
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src src
COPY views views
COPY db db
RUN npx tsc -p tsconfig.build.json

# 2. The runtime. It starts as root so that the entrypoint can hand a root-owned volume (Fly mounts
# them so) to the `node` user; the entrypoint does only that and drops root before anything runs.
FROM node:20-bookworm-slim AS fly
RUN apt-get update \
  && apt-get install -y --no-install-recommends ffmpeg fonts-noto-cjk fonts-inter fonts-league-spartan fluidsynth fluid-soundfont-gm ca-certificates \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only. better-sqlite3 compiles from source (nothing is downloaded but npm
# packages), so the toolchain is installed and removed within this one layer. Litestream 0.3.13
# comes with them: @flydotio/litestream-linux-x64 is an optional dependency, installed on x64.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && npm ci --omit=dev --no-audit --no-fund \
  && npm cache clean --force \
  && apt-get purge -y --auto-remove python3 make g++ \
  && rm -rf /var/lib/apt/lists/* \
  && if [ -x node_modules/@flydotio/litestream-linux-x64/litestream ]; then \
       ln -s /app/node_modules/@flydotio/litestream-linux-x64/litestream /usr/local/bin/litestream; \
     fi
COPY --from=build /app/dist dist
COPY db/migrations db/migrations
COPY static static
COPY backups backups
COPY docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
# The data folder belongs to `node`, so a new named Docker volume mounted there does too.
# Temporary files (ffmpeg's caption files) and caches (fontconfig's) go there as well: /data is the
# only place the app writes.
RUN mkdir -p /data && chown node:node /data
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080 DATA_DIR=/data TMPDIR=/data/tmp XDG_CACHE_HOME=/data/tmp/cache
EXPOSE 8080
VOLUME /data
ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]
# Streams the SQLite WAL off-site under `litestream replicate -exec` when LITESTREAM_REPLICA_URL is
# set, and runs the app directly otherwise (backups/run-with-litestream.sh).
CMD ["backups/run-with-litestream.sh", "node", "dist/src/main.js"]

# 3. The default target: the same image, declared to run as `node` from the first process on.
# (Fly ignores HEALTHCHECK and probes /healthz from fly.toml; here it runs as `node` too.)
FROM fly AS runtime
USER node
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
