# syntax=docker/dockerfile:1
# Palisade container image: build with dev dependencies, run with production ones only.
#   docker build -t palisade:dev .
#   docker run --rm -v "$PWD/examples:/examples:ro" palisade:dev scan --from /examples/demo-cluster
ARG NODE_VERSION=24.21.0

FROM node:${NODE_VERSION}-bookworm-slim AS build
# Named like the package: npm sbom takes the root component's name from the directory.
WORKDIR /palisade
COPY package.json package-lock.json ./
# --ignore-scripts: the `node` devDependency would fetch a second Node 24; the image already has it.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY LICENSE tsconfig.json tsconfig.build.json ./
COPY src ./src
# The published ScanResult schemas: `report --from-result` validates its input against them.
COPY docs/scan-result.schema.json ./docs/scan-result.schema.json
COPY docs/schemas/scan-result-1.schema.json ./docs/schemas/scan-result-1.schema.json
# Type declarations and source maps are half of the production node_modules (about 40 of
# 82 MiB, mostly @kubernetes/client-node) and nothing reads them at run time.
RUN node node_modules/typescript/bin/tsc -p tsconfig.build.json \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund \
 && find node_modules -type f \( -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' -o -name '*.map' \) -delete
# CycloneDX SBOM of exactly what ships: npm's own generator, run on the pruned tree. Not with
# `--omit dev` on the full tree: npm's `.dev` selector counts a package as dev when any dev
# package also reaches it (vite's optional peer yaml, vitest's @opentelemetry/api, @types/node
# and its undici-types), so it drops production dependencies. The pruned tree has no dev
# packages; removing the devDependencies from this stage's package.json (the one the runtime
# ships) leaves no dangling dev edge for npm sbom to refuse.
RUN npm pkg delete devDependencies \
 && npm sbom --sbom-format cyclonedx --sbom-type application > sbom.cdx.json

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
      org.opencontainers.image.source="https://palisade.dev/source" \
      org.opencontainers.image.vendor="Palisade" \
      org.opencontainers.image.base.name="docker.io/library/node:${NODE_VERSION}-bookworm-slim" \
      dev.palisade.sbom="/app/sbom.cdx.json" \
      dev.palisade.sbom.format="CycloneDX 1.5 JSON (npm sbom)"
WORKDIR /app
COPY --from=build /palisade/package.json ./package.json
COPY --from=build /palisade/node_modules ./node_modules
COPY --from=build /palisade/dist ./dist
COPY --from=build /palisade/docs ./docs
COPY --from=build /palisade/LICENSE ./LICENSE
COPY --from=build /palisade/sbom.cdx.json ./sbom.cdx.json
ENV NODE_ENV=production
# The image's "node" user, by number so runAsNonRoot can verify it.
USER 1000:1000
# No fixed heap flag here: it would override NODE_OPTIONS, which the manifests size from the limit.
ENTRYPOINT ["/usr/local/bin/node", "/app/dist/cli/main.js"]
CMD ["scan"]
