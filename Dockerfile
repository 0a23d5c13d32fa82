# One image for every ceiling-grid service; the container's command picks the service:
#   node services/<scheduler|dashboard|light-worker|placement-worker>/dist/main.bundle.mjs
# The build stage compiles the TypeScript sources with `npm run build` (tsc -b, which also
# typechecks them: a type error fails the build) and bundles each service with esbuild into one
# file, dist/main.bundle.mjs (scripts/bundle-services.ts), which starts faster than the ~1000
# modules it holds; the runtime stage has only the dist/ folders and the production dependencies
# (the packages the bundles leave out load from node_modules): no TypeScript, no tsx, no esbuild.
# tini is the ENTRYPOINT (PID 1): it forwards SIGTERM to node and reaps zombies, under compose
# and Kubernetes alike, so both only set the command (compose `command:`, Kubernetes `args:`).
#
# Stages: workspace-manifests -> manifests -> prod-deps (npm ci --omit=dev) and build (npm ci, tsc -b) -> runtime.
# Kept compatible with the classic builder (no RUN --mount), so Debian's docker-compose 1.29 builds it.

ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS base
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false

# Only the manifests, so the dependency layers stay cached until a package.json or the lock
# changes: copy the workspaces, keep their package.json files alone. COPY --from is cached by
# content, so a source edit reruns this cheap stage but not `npm ci`; and a new workspace
# needs no edit here.
FROM base AS workspace-manifests
COPY packages packages
COPY services services
RUN find packages services -type f ! -name package.json -delete \
 && find packages services -type d -empty -delete

FROM base AS manifests
COPY package.json package-lock.json ./
COPY --from=workspace-manifests /app/packages packages
COPY --from=workspace-manifests /app/services services

FROM manifests AS prod-deps
RUN npm ci --omit=dev && npm cache clean --force

# Compiles every workspace into its dist/, bundles the dashboard's editor script into
# services/dashboard/dist/assets and each service into services/<name>/dist/main.bundle.mjs (with
# its stage thread, dist/stage-thread.js), then packs what the runtime needs: the compiled JavaScript (no
# build info, no type declarations), that script, the CLI's launcher, the sample rooms and the
# container health probe.
FROM manifests AS build
RUN npm ci
COPY . .
RUN npm run build \
 && mkdir /out \
 && tar --exclude='*.tsbuildinfo' --exclude='*.d.ts' -cf - packages/*/dist packages/*/bin services/*/dist data deploy/docker \
  | tar -xf - -C /out

FROM base AS runtime
LABEL org.opencontainers.image.title="ceiling-grid" \
      org.opencontainers.image.description="Places lights, air supply diffusers and smoke detectors on a ceiling grid (BullMQ services)"
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    HEALTH_PORT=3000
# Manifests and production node_modules (workspace links included), then the compiled code.
# Everything stays owned by root: the service user can read the app but not change it.
COPY --from=prod-deps /app/ ./
COPY --from=build /out/ ./
# Node's compile cache (V8 code) of the services' bundles and every compiled module, so a container
# does not compile them again at each start (docs/BENCHMARKS.md). Filled as the node user, since
# Node keeps one cache per uid, then made read-only like the rest of /app.
ENV NODE_COMPILE_CACHE=/app/.node-compile-cache
RUN mkdir "$NODE_COMPILE_CACHE" && chown node "$NODE_COMPILE_CACHE" \
 && su node -s /bin/sh -c 'node deploy/docker/fill-compile-cache.mjs "$NODE_COMPILE_CACHE"' \
 && chown -R root:root "$NODE_COMPILE_CACHE" \
 && chmod -R a+rX,go-w "$NODE_COMPILE_CACHE"
# The image's `node` user (uid 1000).
USER node
EXPOSE 3000 8080 9101 9102
# HEALTH_PORT is the port of the running service's /healthz (3000 scheduler, 8080 dashboard,
# 9101 light-worker, 9102 placement-worker); docker-compose.yml sets it per service.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "deploy/docker/healthcheck.mjs"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "services/scheduler/dist/main.bundle.mjs"]
