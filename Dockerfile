# syntax=docker/dockerfile:1
# Palisade container image: build with dev dependencies, run with production ones only.
#   docker build -t palisade:dev .
#   docker run --rm -v "$PWD/examples:/examples:ro" palisade:dev scan --from /examples/demo-cluster
ARG NODE_VERSION=24.21.0

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
# --ignore-scripts: the `node` devDependency would fetch a second Node 24; the image already has it.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY LICENSE tsconfig.json tsconfig.build.json ./
COPY src ./src
# Type declarations and source maps are half of the production node_modules (about 40 of
# 82 MiB, mostly @kubernetes/client-node) and nothing reads them at run time.
RUN node node_modules/typescript/bin/tsc -p tsconfig.build.json \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund \
 && find node_modules -type f \( -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' -o -name '*.map' \) -delete

# Runtime: the same pinned Node image, with npm and corepack removed (nothing installs at run time).
# A distroless base (gcr.io/distroless/nodejs24-debian12) drops the shell too, but can only be
# pinned by digest, which needs registry access this project's build machines do not have.
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack \
           /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack
ARG VERSION=0.1.0
# Set by the release build (docs/release.md): the commit and the build time, RFC 3339.
ARG REVISION=unknown
ARG CREATED=unknown
LABEL org.opencontainers.image.title="palisade" \
      org.opencontainers.image.description="Kubernetes configuration and tenant-isolation scanner" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.documentation="https://palisade.dev/docs/install" \
      org.opencontainers.image.source="https://palisade.dev/source"
WORKDIR /app
COPY --from=build /src/package.json ./package.json
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY --from=build /src/LICENSE ./LICENSE
ENV NODE_ENV=production
# The image's "node" user, by number so runAsNonRoot can verify it.
USER 1000:1000
# No fixed heap flag here: it would override NODE_OPTIONS, which the manifests size from the limit.
ENTRYPOINT ["/usr/local/bin/node", "/app/dist/cli/main.js"]
CMD ["scan"]
