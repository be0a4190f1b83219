/**
 * The command registry: one module per command under src/cli/commands/. Entries load their
 * module only when that command runs, so `palisade scan --from` never pays for the Kubernetes
 * client (~2 s to import on a busy machine) that `serve` or a live scan needs.
 */
import type { Command } from './command.js';

export interface CommandEntry {
  name: string;
  /** One line for `palisade help` (kept here so listing commands loads none of them). */
  summary: string;
  load(): Promise<Command>;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'scan',
    summary: 'Scan manifests (--from), a saved snapshot (--snapshot) or the current cluster',
    load: async () => (await import('./scan.js')).scanCommand,
  },
  {
    name: 'report',
    summary: 'Render a saved scan result (--format json) again: html, sarif, junit, csv, md, oscal, policyreport, openreports',
    load: async () => (await import('./report.js')).reportCommand,
  },
  {
    name: 'serve',
    summary: 'Exporter: scan on a schedule and serve /metrics, /healthz, /readyz, /report.json',
    load: async () => (await import('./serve.js')).serveCommand,
  },
  {
    name: 'snapshot',
    summary: 'Save what a scan would read to a file, to scan later with --snapshot',
    load: async () => (await import('./snapshot.js')).snapshotCommand,
  },
  {
    name: 'probes-rbac',
    summary: 'Print the least RBAC that lets scan --probes impersonate exactly the tenant subjects it probes',
    load: async () => (await import('./probes-rbac.js')).probesRbacCommand,
  },
  { name: 'rules', summary: 'List the rules, or explain one (palisade rules RULE)', load: async () => (await import('./rules.js')).rulesCommand },
  {
    name: 'explain',
    summary: 'Explain a rule: why it matters, how to fix it, what it reads, examples',
    load: async () => (await import('./explain.js')).explainCommand,
  },
  { name: 'version', summary: 'Print the version', load: async () => (await import('./version.js')).versionCommand },
];

export function commandByName(name: string): CommandEntry | undefined {
  return COMMANDS.find((c) => c.name === name);
}
