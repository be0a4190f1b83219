/**
 * A rule's documentation from its metadata: the page `palisade explain RULE` prints and the
 * generated docs/rules/<family>/<name>.md (npm run docs:rules; a unit test fails when they are stale).
 */
import { readFileSync } from 'node:fs';
import { isFrameworkRef, isPeerRef, peerText, type RuleReference } from '../model/result.js';
import { ruleFamily, type Rule, type RuleExamples, type RuleMeta } from './rule.js';
import { GENERATED_EXAMPLES } from '../rules/examples.generated.js';

/**
 * Where the generated rule pages are published, from package.json: `repository` (or a `homepage`
 * that is a repository URL) on GitHub or GitLab gives `<repo>/blob/main/docs/rules`; anything else
 * gives no published base. Pure, for tests; `DEFAULT_DOCS_BASE_URL` applies it to our package.json.
 */
export function docsBaseFromPackage(pkg: { homepage?: unknown; repository?: unknown }): string | undefined {
  const repo = typeof pkg.repository === 'string' ? pkg.repository : isRecord(pkg.repository) ? pkg.repository['url'] : undefined;
  const dir = isRecord(pkg.repository) && typeof pkg.repository['directory'] === 'string' ? `/${pkg.repository['directory'].replace(/^\/+|\/+$/g, '')}` : '';
  for (const candidate of [repo, pkg.homepage]) {
    const web = repositoryWebUrl(candidate);
    if (web) return `${web.url}${web.gitlab ? '/-' : ''}/blob/main${candidate === repo ? dir : ''}/docs/rules`;
  }
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `github:o/r`, `o/r`, `git+https://github.com/o/r.git`, `git@github.com:o/r.git`, `https://gitlab.com/g/s/r#readme` → the web URL. */
function repositoryWebUrl(text: unknown): { url: string; gitlab: boolean } | undefined {
  if (typeof text !== 'string') return undefined;
  const t = text.trim();
  const short = /^(github|gitlab):([\w.-]+(?:\/[\w.-]+)+)$/.exec(t) ?? (/^([\w.-]+\/[\w.-]+)$/.test(t) ? ['', 'github', t] : null);
  if (short) return { url: `https://${short[1]}.com/${short[2]!.replace(/\.git$/, '')}`, gitlab: short[1] === 'gitlab' };
  const m = /^(?:git\+)?(?:https?:\/\/|ssh:\/\/git@|git@)(github\.com|gitlab\.com)[/:]([\w.-]+(?:\/[\w.-]+)+)\/?(?:[#?].*)?$/.exec(t);
  return m ? { url: `https://${m[1]}/${m[2]!.replace(/\.git$/, '')}`, gitlab: m[1] === 'gitlab.com' } : undefined;
}

/** docs/rules/ as shipped in the package (package.json `files` includes docs/), as a file: URL. */
export const LOCAL_DOCS_BASE_URL: string = new URL('../../docs/rules', import.meta.url).href;

/** What package.json says (see docsBaseFromPackage); undefined when it names no repository. */
export const PACKAGE_DOCS_BASE_URL: string | undefined = docsBaseFromPackage(
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { homepage?: unknown; repository?: unknown },
);

/**
 * The docs base when neither `--docs-base-url` nor `report.docsBaseUrl` is given: the published
 * pages if package.json names the repository, else the pages shipped with this installation (a
 * file: URL, which opens offline on the machine that ran the scan; SARIF needs an absolute URI).
 */
export const DEFAULT_DOCS_BASE_URL: string = PACKAGE_DOCS_BASE_URL ?? LOCAL_DOCS_BASE_URL;

/** `docs/rules/<family>/<name>.md`, relative to docs/rules/. */
export function ruleDocPath(id: string): string {
  const family = ruleFamily(id);
  const name = id.slice(family.length + 1) || family;
  return `${family}/${name}.md`;
}

/** The rule page's URL under a docs base URL (trailing slashes ignored). */
export function ruleDocUrl(id: string, base: string = DEFAULT_DOCS_BASE_URL): string {
  return `${base.replace(/\/+$/, '')}/${ruleDocPath(id)}`;
}

/** Is a rule's page generated into docs/rules? Built-in rules only: custom and vap rules live in the user's config or cluster. */
export function isBuiltInRuleId(id: string): boolean {
  const family = ruleFamily(id);
  return family !== 'custom' && family !== 'vap';
}

function refLine(r: RuleReference): string {
  return isPeerRef(r) ? peerText(r) : `${r.framework} ${r.id}`;
}

function readsLine(meta: RuleMeta): string {
  const targets = meta.targets.join(', ');
  const requires = meta.requires?.length ? `; also reads ${meta.requires.join(', ')} (if any of these cannot be listed, results are unknown)` : '';
  return `runs on ${targets} (scope: ${meta.scope})${requires}`;
}

const NO_EXAMPLE = 'No example: the rule\'s tests have no such case (and its metadata no meta.examples).';

/**
 * A rule's failing and passing example: its own `meta.examples`, else the first failing and passing
 * cases of its test table (src/rules/examples.generated.ts, `npm run docs:examples`).
 */
export function ruleExamples(id: string, meta?: RuleMeta): RuleExamples {
  return meta?.examples ?? GENERATED_EXAMPLES[id] ?? {};
}

/** The plain-text page `palisade explain` prints. */
export function explainText(rule: Rule, severity = rule.meta.severity): string {
  const m = rule.meta;
  const examples = ruleExamples(m.id, m);
  const block = (text: string): string =>
    text
      .trimEnd()
      .split('\n')
      .map((l) => `    ${l}`)
      .join('\n');
  const lines = [
    `${m.id}: ${m.title}`,
    '',
    `Severity:     ${severity}${severity !== m.severity ? ` (default ${m.severity}, changed by the config)` : ''}`,
    `Category:     ${m.category}`,
    `Reads:        ${readsLine(m)}`,
    `References:   ${m.references.some(isFrameworkRef) ? m.references.filter(isFrameworkRef).map(refLine).join(', ') : 'none'}`,
    ...(m.references.some(isPeerRef) ? [`See also:     ${m.references.filter(isPeerRef).map(refLine).join(', ')} (peer tools' checks)`] : []),
    '',
    'Why it matters:',
    block(m.description),
    '',
    'Remediation:',
    block(m.remediation),
    '',
    'Failing example:',
    examples.failing ? block(examples.failing) : `    ${NO_EXAMPLE}`,
    '',
    'Passing example:',
    examples.passing ? block(examples.passing) : `    ${NO_EXAMPLE}`,
  ];
  if (isBuiltInRuleId(m.id)) lines.push('', `Docs: docs/rules/${ruleDocPath(m.id)}`);
  return lines.join('\n') + '\n';
}

function yamlBlock(text: string | undefined): string {
  return text ? '```yaml\n' + text.trimEnd() + '\n```' : `_${NO_EXAMPLE}_`;
}

/** The generated Markdown page docs/rules/<family>/<name>.md. */
export function ruleMarkdown(rule: Rule): string {
  const m = rule.meta;
  const examples = ruleExamples(m.id, m);
  const refs = m.references.some(isFrameworkRef) ? m.references.filter(isFrameworkRef).map((r) => `- ${refLine(r)}`).join('\n') : '_None._';
  const peers = m.references.filter(isPeerRef).map((r) => `- ${refLine(r)}`).join('\n');
  return [
    '<!-- Generated from the rule\'s metadata by `npm run docs:rules`; do not edit. -->',
    `# ${m.id}`,
    '',
    `**${m.title}**`,
    '',
    '| Severity | Category | Scope | Runs on | Also reads |',
    '| --- | --- | --- | --- | --- |',
    `| ${m.severity} | ${m.category} | ${m.scope} | ${m.targets.join(', ')} | ${m.requires?.length ? m.requires.join(', ') : '—'} |`,
    '',
    m.context === 'namespace'
      ? 'Reads only its target\'s own namespace and cluster-scoped objects (`context: namespace`): judged in live `--namespace` scans that list kinds per namespace ([live.md](../../live.md#--namespace-listing-only-the-selected-namespaces)).'
      : 'May read objects of other namespaces: `unknown` when a live `--namespace` scan listed a kind it reads only per namespace ([live.md](../../live.md#--namespace-listing-only-the-selected-namespaces)).',
    '',
    '## Why it matters',
    '',
    m.description,
    '',
    '## Remediation',
    '',
    m.remediation,
    '',
    '## References',
    '',
    refs,
    '',
    ...(peers ? ['## See also (peer tools)', '', "The same check in other scanners: cross-references, not compliance frameworks.", '', peers, ''] : []),
    '## Failing example',
    '',
    yamlBlock(examples.failing),
    '',
    '## Passing example',
    '',
    yamlBlock(examples.passing),
    '',
    `Explain it in a terminal: \`palisade explain ${m.id}\`. Rule source: \`src/rules/${m.id}.ts\`.`,
    '',
  ].join('\n');
}

/** docs/rules/README.md: every built-in rule by family, linking its page. */
export function rulesIndexMarkdown(rules: readonly Rule[]): string {
  const builtIn = rules.filter((r) => isBuiltInRuleId(r.meta.id)).sort((a, b) => a.meta.id.localeCompare(b.meta.id));
  const families = [...new Set(builtIn.map((r) => ruleFamily(r.meta.id)))];
  const out = [
    '<!-- Generated from the rules\' metadata by `npm run docs:rules`; do not edit. -->',
    '# Rules',
    '',
    `${builtIn.length} built-in rules in ${families.length} families. Each page says what the rule reads, why it matters, how to fix it and which frameworks it maps to; \`palisade explain RULE\` prints the same in a terminal. Custom rules (\`custom/\`) and ValidatingAdmissionPolicy rules (\`vap/\`) come from your config and cluster: \`palisade explain custom/NAME --config palisade.yaml\`.`,
    '',
  ];
  for (const family of families) {
    const inFamily = builtIn.filter((r) => ruleFamily(r.meta.id) === family);
    out.push(`## ${family} (${inFamily.length})`, '', '| Rule | Severity | Title |', '| --- | --- | --- |');
    for (const r of inFamily) out.push(`| [${r.meta.id}](${ruleDocPath(r.meta.id)}) | ${r.meta.severity} | ${r.meta.title.replace(/\|/g, '\\|')} |`);
    out.push('');
  }
  return out.join('\n');
}

/** Every generated file under docs/rules/, path relative to it → content. */
export function ruleDocFiles(rules: readonly Rule[]): Map<string, string> {
  const files = new Map<string, string>([['README.md', rulesIndexMarkdown(rules)]]);
  for (const r of rules) if (isBuiltInRuleId(r.meta.id)) files.set(ruleDocPath(r.meta.id), ruleMarkdown(r));
  return files;
}
