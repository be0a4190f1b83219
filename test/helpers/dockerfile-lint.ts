import { DockerfileParser, type From } from 'dockerfile-ast';

/** Problems in a Dockerfile that Palisade's own image must not have (see issue 7). */
export function lintDockerfile(text: string): string[] {
  const df = DockerfileParser.parse(text);
  const problems: string[] = [];
  const args = new Map<string, string>();
  for (const a of df.getInitialARGs()) {
    const prop = a.getProperty();
    if (prop?.getName()) args.set(prop.getName(), prop.getValue() ?? '');
  }
  const expand = (s: string): string => s.replace(/\$\{?(\w+)\}?/g, (_m, n: string) => args.get(n) ?? `$${n}`);
  const froms = df.getFROMs();
  const stages = new Set(froms.map((f) => f.getBuildStage()).filter((s): s is string => !!s));
  if (froms.length < 2) problems.push('not multi-stage: build and runtime should be separate stages');
  for (const f of froms) problems.push(...checkFrom(f, stages, expand));

  const last = froms.at(-1);
  const lastLine = last?.getRange().start.line ?? 0;
  const runtime = df.getInstructions().filter((i) => i.getRange().start.line >= lastLine);
  const user = runtime.filter((i) => i.getKeyword() === 'USER').at(-1);
  const userValue = user?.getArgumentsContent()?.trim() ?? '';
  if (!user) problems.push('no USER in the runtime stage: the container would run as root');
  else if (!/^[1-9]\d*(:\d+)?$/.test(userValue)) problems.push(`USER ${userValue}: use a numeric non-root UID so runAsNonRoot can verify it`);

  for (const i of df.getInstructions()) {
    const kw = i.getKeyword();
    const content = i.getArgumentsContent() ?? '';
    if ((kw === 'ENV' || kw === 'ARG') && /(PASSWORD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY)\s*=?\s*\S/i.test(content)) {
      problems.push(`${kw} ${content.split(/\s/)[0]}: secrets must not be baked into the image`);
    }
    if (kw === 'ADD' && /https?:\/\//.test(content)) problems.push(`ADD ${content}: remote downloads are not reproducible`);
  }
  const runs = df.getInstructions().filter((i) => i.getKeyword() === 'RUN').map((i) => i.getArgumentsContent() ?? '');
  const prodInstall = runs.some((r) => /npm (ci|install)[^\n]*--omit=dev|npm prune[^\n]*--omit=dev|--production/.test(r));
  if (!prodInstall) problems.push('no production-only install (npm ci --omit=dev or npm prune --omit=dev)');
  const entry = runtime.find((i) => i.getKeyword() === 'ENTRYPOINT');
  if (!entry) problems.push('no ENTRYPOINT in the runtime stage');
  else if (!(entry.getArgumentsContent() ?? '').trim().startsWith('[')) problems.push('ENTRYPOINT must use the exec (JSON) form');
  if (!runtime.some((i) => i.getKeyword() === 'LABEL' && /org\.opencontainers\.image\./.test(i.getArgumentsContent() ?? ''))) {
    problems.push('no OCI labels (org.opencontainers.image.*) on the runtime image');
  }
  return problems;
}

function checkFrom(f: From, stages: Set<string>, expand: (s: string) => string): string[] {
  const name = f.getImageName() ?? '';
  if (stages.has(name)) return []; // FROM an earlier stage
  const tag = f.getImageTag() ? expand(f.getImageTag() ?? '') : '';
  const digest = f.getImageDigest();
  if (digest) return [];
  if (!tag) return [`FROM ${name}: no tag or digest; pin the base image`];
  if (tag === 'latest' || !/\d+\.\d+/.test(tag)) return [`FROM ${name}:${tag}: pin an exact version (x.y.z) or a digest`];
  return [];
}
