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
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN node node_modules/typescript/bin/tsc -p tsconfig.build.json \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

# Distroless: no shell or package manager at run time; the image's "nonroot" user is 65532.
FROM gcr.io/distroless/nodejs24-debian12:nonroot AS runtime
ARG VERSION=0.1.0
LABEL org.opencontainers.image.title="palisade" \
      org.opencontainers.image.description="Kubernetes configuration and tenant-isolation scanner" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.source="https://palisade.dev/source"
WORKDIR /app
COPY --from=build /src/package.json ./package.json
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
ENV NODE_ENV=production
USER 65532:65532
ENTRYPOINT ["/nodejs/bin/node", "--max-old-space-size=384", "/app/dist/cli/main.js"]
CMD ["scan"]
