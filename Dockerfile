# syntax=docker/dockerfile:1
# One image per app: docker build --build-arg APP=<gateway|catalog|progress|recommendation|saga-worker|migrate> -t pathwise/<app> .
# CI builds and runs every image with buildah and podman: tools/ops/images.sh (docs/adr/0020-container-images.md).
# Production builds pin the base by digest (docs/adr/0020-container-images.md):
#   --build-arg NODE_IMAGE=node:24.21.0-bookworm-slim@sha256:<digest>
# Behind a TLS-intercepting proxy, pass the CA certificates Node lacks (PEM; build stages only):
#   --build-arg NPM_CA_BUNDLE="$(cat proxy-ca.pem)"
ARG NODE_IMAGE=node:24.21.0-bookworm-slim

FROM ${NODE_IMAGE} AS base
WORKDIR /src
SHELL ["/bin/bash", "-o", "pipefail", "-c"]

# package.json without its scripts, which change far more often than the dependencies: the
# install below is then taken from the build cache until the dependencies themselves change.
FROM base AS manifest
COPY package.json ./
RUN node -e 'const p = require("./package.json"); delete p.scripts; console.log(JSON.stringify(p, null, 2));' > /tmp/package.json

# One install from the registry; the production tree is pruned from it (prod-deps).
# The CA bundle is an ARG of this stage only, written to /tmp for one RUN and removed. It is added
# to Node's own roots (NODE_EXTRA_CA_CERTS), not used instead of them, so it holds only the
# certificates Node lacks and stays far below Linux's 128 KiB limit on one argument. The runtime
# stage copies files out of the later stages, never their ARGs or layers.
FROM base AS deps
COPY --from=manifest /tmp/package.json package.json
COPY package-lock.json ./
ARG NPM_CA_BUNDLE=""
RUN if [ -n "$NPM_CA_BUNDLE" ]; then printf '%s\n' "$NPM_CA_BUNDLE" > /tmp/ca.pem; export NODE_EXTRA_CA_CERTS=/tmp/ca.pem; fi \
 && npm ci --no-audit --no-fund --no-update-notifier \
 && npm cache clean --force \
 && rm -f /tmp/ca.pem

FROM deps AS prod-deps
RUN npm prune --omit=dev --no-audit --no-fund --no-update-notifier

FROM deps AS build
COPY tsconfig.base.json ./
COPY tools/build.mjs tools/swc-options.cjs tools/
COPY apps apps
COPY libs libs
RUN node tools/build.mjs

FROM ${NODE_IMAGE} AS runtime
# Heap from the container's memory limit: V8 reads the cgroup limit and takes half of it as old
# space (the rest is code, stacks, buffers and the young generation). The young generation is set
# explicitly: derived from a 128 MiB old space it is so small that the services scavenge all the
# time and serve an order of magnitude fewer requests (docs/benchmarks.md, memory section).
ENV NODE_ENV=production \
    NODE_OPTIONS="--max-old-space-size-percentage=50 --max-semi-space-size=16"
WORKDIR /app
# Everything is owned by root and read-only for the app user: the root filesystem can be mounted
# read-only, and the only writable place the apps need is /tmp.
COPY --from=prod-deps /src/node_modules node_modules
COPY --from=build /src/dist dist
COPY package.json ./
COPY tools/migrate.mjs tools/apps.mjs tools/built.mjs tools/
COPY tools/ops/image tools/ops/image
# APP comes after the files, which are the same in every app's image: the layers above are built
# once and shared, and each image adds only this setting.
ARG APP
RUN test -n "$APP" || { echo "build with --build-arg APP=<app>" >&2; exit 1; }
ENV PATHWISE_APP=${APP}
# Numeric, so Kubernetes can verify runAsNonRoot; above 10000 so it matches no host user. It needs
# no home or passwd entry: the apps write nowhere but /tmp.
USER 10001:10001
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 CMD ["node", "tools/ops/image/healthcheck.cjs"]
ENTRYPOINT ["node", "--enable-source-maps"]
CMD ["tools/ops/image/main.cjs"]
