import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintDockerfile } from '../helpers/dockerfile-lint.js';

const ours = readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8');

describe('Dockerfile', () => {
  it('passes the lint: pinned bases, multi-stage, numeric non-root USER, no secrets, production install', () => {
    expect(lintDockerfile(ours)).toEqual([]);
  });

  const bad: [string, string, RegExp][] = [
    ['unpinned base', ours.replace(/FROM node:\$\{NODE_VERSION\}-bookworm-slim AS runtime/, 'FROM node:latest AS runtime'), /pin an exact version/],
    ['untagged base', ours.replace(/FROM node:\$\{NODE_VERSION\}-bookworm-slim AS build/, 'FROM node AS build'), /no tag or digest/],
    ['root user', ours.replace(/USER 1000:1000/, 'USER root'), /numeric non-root UID/],
    ['no user', ours.replace(/USER 1000:1000\n/, ''), /no USER/],
    ['baked secret', ours.replace('ENV NODE_ENV=production', 'ENV NODE_ENV=production\nENV API_TOKEN=abc123'), /secrets must not be baked/],
    ['dev dependencies shipped', ours.replace(/&& npm prune --omit=dev[^\n]*/, ''), /production-only install/],
    ['shell-form entrypoint', ours.replace(/ENTRYPOINT \[.*\]/, 'ENTRYPOINT node /app/dist/cli/main.js'), /exec \(JSON\) form/],
    ['single stage', 'FROM node:24.21.0-bookworm-slim\nRUN npm ci --omit=dev\nUSER 1000\nLABEL org.opencontainers.image.title=x\nENTRYPOINT ["node"]\n', /not multi-stage/],
  ];
  for (const [name, text, problem] of bad) {
    it(`rejects: ${name}`, () => {
      expect(text).not.toBe(ours);
      expect(lintDockerfile(text).join('\n')).toMatch(problem);
    });
  }

  it('builds the CycloneDX SBOM on the pruned tree (not with --omit dev) and ships it with the ScanResult schemas', () => {
    const prune = ours.indexOf('npm prune --omit=dev');
    const sbom = ours.indexOf('npm sbom --sbom-format cyclonedx');
    expect(prune).toBeGreaterThan(0);
    expect(sbom).toBeGreaterThan(prune);
    // `--omit dev` drops production packages a dev package also reaches (docs/release.md).
    expect(ours.slice(sbom, ours.indexOf('\n', sbom))).not.toMatch(/--omit/);
    expect(ours).toMatch(/COPY --from=build \/palisade\/sbom\.cdx\.json \.\/sbom\.cdx\.json/);
    expect(ours).toMatch(/dev\.palisade\.sbom="\/app\/sbom\.cdx\.json"/);
    for (const schema of ['docs/scan-result.schema.json', 'docs/schemas/scan-result-1.schema.json']) expect(ours).toContain(`COPY ${schema} ./${schema}`);
    expect(ours).toContain('COPY --from=build /palisade/docs ./docs');
  });

  it('the .dockerignore keeps tests and local caches out of the build context', () => {
    const ignore = readFileSync(new URL('../../.dockerignore', import.meta.url), 'utf8');
    expect(ignore).toMatch(/^\*$/m);
    expect(ignore).toMatch(/src\/\*\*\/\*\.test\.ts/);
  });
});
