/**
 * Differential test: Palisade's PSS verdicts vs the real PodSecurity admission plugin.
 *
 * Cases: every Pod (or pod template) under test/fixtures/pss/, plus a few hundred pod specs made
 * by seeded mutations of securityContext, capabilities, volumes, host namespaces, ports, seccomp,
 * AppArmor (field and annotation), SELinux, sysctls, procMount, probe/lifecycle hosts,
 * runAsUser/runAsNonRoot at pod and container level, user namespaces and Windows pods.
 *
 * Each case is created with `?dryRun=All` in a namespace labelled enforce=baseline and one labelled
 * enforce=restricted. The server's verdict is admitted or policy-denied (403 naming PodSecurity);
 * a 422 is a broken generated case, not a verdict, and is counted apart. Palisade's verdict for a
 * level: no `fail` among the PSS rules of that level (baseline rules for baseline; baseline +
 * restricted rules for restricted), known from each rule's `{framework: 'PSS'}` reference.
 *
 * Agreement must be 100%. Set PSS_DIFF_SAVE=1 to write each disagreement as a fixture under
 * test/fixtures/pss/differential/ (annotated with the server's verdicts); PSS_DIFF_CASES and
 * PSS_DIFF_SEED explore other generated sets.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { stringify } from 'yaml';
import { defaultConfig } from '../../src/config/types.js';
import type { Rule } from '../../src/engine/rule.js';
import { isFrameworkRef } from '../../src/model/result.js';
import { evaluate } from '../../src/engine/runner.js';
import { podSpecOf } from '../../src/engine/workloads.js';
import { loadManifests } from '../../src/inventory/files.js';
import { Snapshot } from '../../src/inventory/snapshot.js';
import type { K8sObject } from '../../src/model/k8s.js';
import { RULES } from '../../src/rules/index.js';
import { clusterFor, type TestCluster } from '../helpers/cluster.ts';
import { seededRandom } from '../helpers/rng.ts';

const info = inject('cluster');
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = join(REPO, 'test/fixtures/pss');
const SERVER_VERSION = 'v1.36.3';
/** Case count and seed; override with PSS_DIFF_CASES / PSS_DIFF_SEED to explore beyond the CI set. */
const GENERATED = Number(process.env['PSS_DIFF_CASES'] ?? 400);
const SEED = Number(process.env['PSS_DIFF_SEED'] ?? 0x5eed_2026);

type Level = 'baseline' | 'restricted';
type Verdict = 'admitted' | 'denied';

/** A namespace's PodSecurity setting: the level, and the `enforce-version` pin (latest when absent). */
interface Profile {
  id: string;
  level: Level;
  version?: string;
  namespace: string;
}

function profile(level: Level, version?: string): Profile {
  const id = version ? `${level}@${version}` : level;
  return { id, level, ...(version ? { version } : {}), namespace: `pss-diff-${level}${version ? `-${version.replace('.', '-')}` : ''}` };
}

/**
 * Latest at both levels, plus pinned versions around the version gates of the checks (Windows
 * exemptions 1.25, capabilities 1.22, runAsUser 1.23, sysctl sets 1.27/1.29/1.32, SELinux types 1.31,
 * probe hosts 1.34, user-namespace relaxations 1.35).
 */
const PROFILES: readonly Profile[] = [
  profile('baseline'),
  profile('restricted'),
  profile('baseline', 'v1.26'),
  profile('baseline', 'v1.30'),
  profile('restricted', 'v1.21'),
  profile('restricted', 'v1.24'),
  profile('restricted', 'v1.34'),
];

interface Case {
  name: string;
  origin: string;
  pod: K8sObject;
}

/** PSS rules by level, from each rule's PSS framework reference. */
function rulesFor(level: Level): Rule[] {
  const levelOf = (r: Rule): Level | undefined => {
    const ref = r.meta.references.filter(isFrameworkRef).find((x) => x.framework === 'PSS');
    return ref?.id.startsWith('baseline/') ? 'baseline' : ref?.id.startsWith('restricted/') ? 'restricted' : undefined;
  };
  return RULES.filter((r) => {
    const l = levelOf(r);
    return l === 'baseline' || (level === 'restricted' && l === 'restricted');
  });
}

function palisadeVerdict(pod: K8sObject, p: Profile, namespaces: K8sObject[]): { verdict: Verdict; failed: string[]; rules: string[] } {
  const target = { ...pod, metadata: { ...pod.metadata, namespace: p.namespace } };
  const snapshot = new Snapshot({ objects: [...namespaces, target], source: 'pss-differential', mode: 'live', cluster: { version: SERVER_VERSION } });
  const config = defaultConfig();
  const now = new Date('2026-11-22T00:00:00Z');
  const failed: string[] = [];
  const rules: string[] = [];
  for (const rule of rulesFor(p.level)) {
    const r = evaluate(rule, rule.meta.severity, target, snapshot, config, now);
    if (r.status === 'fail' || r.status === 'error') {
      failed.push(`${rule.meta.id}${r.status === 'error' ? ' (error)' : ''}: ${r.message ?? ''}`);
      rules.push(rule.meta.id);
    }
  }
  return { verdict: failed.length > 0 ? 'denied' : 'admitted', failed, rules };
}

// --- fixtures ------------------------------------------------------------------------------------

async function yamlFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await yamlFiles(full)));
    else if (/\.(ya?ml|json)$/.test(e.name)) out.push(full);
  }
  return out;
}

/** A Pod for any object with a pod spec (controllers' templates become Pods: PSA enforces on Pods). */
function asPod(obj: K8sObject, name: string): K8sObject | undefined {
  const view = podSpecOf(obj);
  if (!view) return undefined;
  const meta = obj.kind === 'Pod' ? obj.metadata : view.metadata;
  const annotations = { ...(meta.annotations ?? {}) };
  for (const k of Object.keys(annotations)) if (k.startsWith('palisade.dev/')) delete annotations[k];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, ...(Object.keys(annotations).length ? { annotations } : {}) },
    spec: structuredClone(view.spec) as unknown as Record<string, unknown>,
  };
}

async function fixtureCases(): Promise<Case[]> {
  const files = await yamlFiles(FIXTURES);
  if (files.length === 0) return [];
  const loaded = await loadManifests(files, REPO);
  const cases: Case[] = [];
  loaded.objects.forEach((obj, i) => {
    const pod = asPod(obj, `fixture-${i}`);
    const loc = loaded.locations.get(obj);
    if (pod) cases.push({ name: pod.metadata.name, origin: loc ? `${relative(REPO, loc.file)}:${loc.line}` : obj.metadata.name, pod });
  });
  return cases;
}

// --- generator -----------------------------------------------------------------------------------


type Rand = () => number;
type Obj = Record<string, unknown>;
const pick = <T,>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const chance = (r: Rand, p: number): boolean => r() < p;

interface Draft {
  spec: Obj & { containers: Obj[]; initContainers?: Obj[]; volumes?: Obj[]; securityContext?: Obj };
  annotations: Record<string, string>;
  tags: string[];
}

function restrictedBase(): Draft {
  return {
    spec: {
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [
        {
          name: 'app',
          image: 'registry.example/app:1.0',
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
        },
      ],
    },
    annotations: {},
    tags: ['base:restricted'],
  };
}

function bareBase(): Draft {
  return { spec: { containers: [{ name: 'app', image: 'registry.example/app:1.0' }] }, annotations: {}, tags: ['base:bare'] };
}

const sc = (o: Obj): Obj => (o['securityContext'] ??= {}) as Obj;
const podSc = (d: Draft): Obj => (d.spec.securityContext ??= {});
const allContainers = (d: Draft): Obj[] => [...d.spec.containers, ...(d.spec.initContainers ?? [])];
const someContainer = (r: Rand, d: Draft): Obj => pick(r, allContainers(d));

const SECCOMP_TYPES = ['RuntimeDefault', 'Unconfined', 'Localhost', undefined] as const;
function seccomp(r: Rand): Obj | undefined {
  const type = pick(r, SECCOMP_TYPES);
  if (type === undefined) return undefined;
  return type === 'Localhost' ? { type, localhostProfile: 'profiles/audit.json' } : { type };
}

function setOrDelete(o: Obj, key: string, value: unknown): void {
  if (value === undefined) delete o[key];
  else o[key] = value;
}

const CAPS = ['NET_BIND_SERVICE', 'CHOWN', 'SYS_ADMIN', 'NET_RAW', 'KILL', 'AUDIT_WRITE', 'SETUID', 'SETGID', 'FOWNER', 'MKNOD', 'SYS_CHROOT', 'ALL', 'NET_ADMIN', 'DAC_OVERRIDE', 'FSETID', 'SETPCAP', 'SYS_TIME', 'CAP_CHOWN'];
const SYSCTLS = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
  'kernel.msgmax',
  'net.core.somaxconn',
  'kernel.sem',
  'net.ipv4.ip_forward',
];
const SYSCTL_VALUE: Record<string, string> = {
  'net.ipv4.ip_local_port_range': '1024 65535',
  'net.ipv4.ping_group_range': '0 2147483647',
  'net.ipv4.ip_local_reserved_ports': '8080',
  'net.ipv4.tcp_rmem': '4096 87380 6291456',
  'net.ipv4.tcp_wmem': '4096 16384 4194304',
  'kernel.sem': '250 32000 100 128',
};
const VOLUMES: Record<string, Obj> = {
  emptyDir: { emptyDir: {} },
  configMap: { configMap: { name: 'cfg' } },
  secret: { secret: { secretName: 's' } },
  downwardAPI: { downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
  projected: { projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } },
  persistentVolumeClaim: { persistentVolumeClaim: { claimName: 'data' } },
  csi: { csi: { driver: 'inline.example.com' } },
  ephemeral: {
    ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } },
  },
  hostPath: { hostPath: { path: '/var/log' } },
  nfs: { nfs: { server: 'nfs.example', path: '/exports' } },
  iscsi: { iscsi: { targetPortal: '10.0.0.9:3260', iqn: 'iqn.2001-04.com.example:storage', lun: 0 } },
  rbd: { rbd: { monitors: ['10.0.0.10:6789'], image: 'img' } },
  cephfs: { cephfs: { monitors: ['10.0.0.10:6789'] } },
  glusterfs: { glusterfs: { endpoints: 'gl', path: 'vol' } },
  fc: { fc: { targetWWNs: ['500a0982991b8dc5'], lun: 2 } },
  azureFile: { azureFile: { secretName: 'az', shareName: 'share' } },
  flexVolume: { flexVolume: { driver: 'example/flex' } },
  image: { image: { reference: 'registry.example/data:1', pullPolicy: 'IfNotPresent' } },
};
const APPARMOR_FIELD = [{ type: 'RuntimeDefault' }, { type: 'Unconfined' }, { type: 'Localhost', localhostProfile: 'k8s-apparmor-example' }];
const APPARMOR_ANNOTATION: Record<string, string> = { RuntimeDefault: 'runtime/default', Unconfined: 'unconfined', Localhost: 'localhost/k8s-apparmor-example' };
const SELINUX = [{ type: 'container_t' }, { type: 'container_init_t' }, { type: 'container_kvm_t' }, { type: 'container_engine_t' }, { type: 'spc_t' }, { user: 'system_u' }, { role: 'system_r' }, { level: 's0:c123,c456' }, { type: '' }];
const PROBE_KINDS = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;

type Mutation = (r: Rand, d: Draft) => string;

const MUTATIONS: readonly Mutation[] = [
  (r, d) => {
    const c = someContainer(r, d);
    const v = pick(r, [true, false]);
    sc(c)['privileged'] = v;
    if (v) delete sc(c)['allowPrivilegeEscalation']; // privileged + allowPrivilegeEscalation=false is invalid
    return `privileged=${v}`;
  },
  (r, d) => {
    const field = pick(r, ['hostNetwork', 'hostPID', 'hostIPC'] as const);
    const v = pick(r, [true, false]);
    d.spec[field] = v;
    return `${field}=${v}`;
  },
  (r, d) => {
    const c = d.spec.containers[0]!;
    const hostPort = pick(r, [0, 8080, 80]);
    c['ports'] = [{ containerPort: hostPort || 8080, ...(hostPort || chance(r, 0.5) ? { hostPort } : {}) }];
    if (hostPort) d.spec['hostNetwork'] = d.spec['hostNetwork'] ?? false;
    return `hostPort=${hostPort}`;
  },
  (r, d) => {
    const c = someContainer(r, d);
    const caps = (sc(c)['capabilities'] ??= {}) as Obj;
    const add = [pick(r, CAPS), ...(chance(r, 0.3) ? [pick(r, CAPS)] : [])];
    caps['add'] = [...new Set(add)];
    return `capabilities.add=${add.join(',')}`;
  },
  (r, d) => {
    const c = someContainer(r, d);
    const caps = (sc(c)['capabilities'] ??= {}) as Obj;
    const drop = pick(r, [undefined, ['NET_RAW'], ['ALL'], ['all'], ['ALL', 'NET_RAW'], []] as const);
    setOrDelete(caps, 'drop', drop === undefined ? undefined : [...drop]);
    return `capabilities.drop=${JSON.stringify(drop)}`;
  },
  (r, d) => {
    const c = someContainer(r, d);
    const v = pick(r, [true, false, undefined]);
    if (v === false && sc(c)['privileged'] === true) return 'allowPrivilegeEscalation=skip';
    setOrDelete(sc(c), 'allowPrivilegeEscalation', v);
    return `allowPrivilegeEscalation=${String(v)}`;
  },
  (r, d) => {
    const v = pick(r, [true, false, undefined]);
    if (chance(r, 0.5)) {
      setOrDelete(podSc(d), 'runAsNonRoot', v);
      return `pod.runAsNonRoot=${String(v)}`;
    }
    const c = someContainer(r, d);
    setOrDelete(sc(c), 'runAsNonRoot', v);
    return `container.runAsNonRoot=${String(v)}`;
  },
  (r, d) => {
    const v = pick(r, [0, 1000, 65534, undefined]);
    if (chance(r, 0.5)) {
      setOrDelete(podSc(d), 'runAsUser', v);
      return `pod.runAsUser=${String(v)}`;
    }
    const c = someContainer(r, d);
    setOrDelete(sc(c), 'runAsUser', v);
    return `container.runAsUser=${String(v)}`;
  },
  (r, d) => {
    const s = seccomp(r);
    if (chance(r, 0.5)) {
      setOrDelete(podSc(d), 'seccompProfile', s);
      return `pod.seccomp=${String(s?.['type'])}`;
    }
    const c = someContainer(r, d);
    setOrDelete(sc(c), 'seccompProfile', s);
    return `container.seccomp=${String(s?.['type'])}`;
  },
  (r, d) => {
    const profile = pick(r, APPARMOR_FIELD);
    if (chance(r, 0.5)) {
      podSc(d)['appArmorProfile'] = { ...profile };
      return `pod.appArmorProfile=${profile.type}`;
    }
    const c = someContainer(r, d);
    sc(c)['appArmorProfile'] = { ...profile };
    return `container.appArmorProfile=${profile.type}`;
  },
  (r, d) => {
    // The beta annotation; the API server requires it to agree with any field it duplicates.
    const c = someContainer(r, d);
    const profile = pick(r, APPARMOR_FIELD);
    d.annotations[`container.apparmor.security.beta.kubernetes.io/${String(c['name'])}`] = APPARMOR_ANNOTATION[profile.type]!;
    if (sc(c)['appArmorProfile']) sc(c)['appArmorProfile'] = { ...profile };
    else if (d.spec.securityContext?.['appArmorProfile']) d.spec.securityContext['appArmorProfile'] = { ...profile };
    return `annotation.apparmor=${profile.type}`;
  },
  (r, d) => {
    const o = pick(r, SELINUX);
    if (chance(r, 0.5)) {
      podSc(d)['seLinuxOptions'] = { ...o };
      return `pod.seLinuxOptions=${JSON.stringify(o)}`;
    }
    const c = someContainer(r, d);
    sc(c)['seLinuxOptions'] = { ...o };
    return `container.seLinuxOptions=${JSON.stringify(o)}`;
  },
  (r, d) => {
    const names = [...new Set([pick(r, SYSCTLS), ...(chance(r, 0.4) ? [pick(r, SYSCTLS)] : [])])];
    podSc(d)['sysctls'] = names.map((name) => ({ name, value: SYSCTL_VALUE[name] ?? '1' }));
    return `sysctls=${names.join(',')}`;
  },
  (r, d) => {
    const c = someContainer(r, d);
    const v = pick(r, ['Unmasked', 'Default'] as const);
    sc(c)['procMount'] = v;
    // Unmasked /proc is only valid in a user namespace.
    if (v === 'Unmasked' && chance(r, 0.8)) d.spec['hostUsers'] = false;
    return `procMount=${v}`;
  },
  (r, d) => {
    const v = pick(r, [false, true]);
    d.spec['hostUsers'] = v;
    return `hostUsers=${v}`;
  },
  (r, d) => {
    const name = pick(r, Object.keys(VOLUMES));
    const vols = (d.spec.volumes ??= []);
    vols.push({ name: `v${vols.length}`, ...structuredClone(VOLUMES[name]!) });
    return `volume=${name}`;
  },
  (r, d) => {
    const c = someContainer(r, d);
    const kind = pick(r, [...PROBE_KINDS, 'postStart', 'preStop'] as const);
    const handlerType = pick(r, ['httpGet', 'tcpSocket'] as const);
    const host = pick(r, ['10.0.0.1', 'localhost', '', 'metadata.google.internal']);
    const handler = handlerType === 'httpGet' ? { httpGet: { path: '/healthz', port: 8080, host } } : { tcpSocket: { port: 8080, host } };
    if (kind === 'postStart' || kind === 'preStop') {
      if (String(c['name']).startsWith('init')) return 'lifecycle=skip(init)';
      c['lifecycle'] = { ...((c['lifecycle'] as Obj | undefined) ?? {}), [kind]: handler };
    } else {
      if (String(c['name']).startsWith('init')) return 'probe=skip(init)';
      c[kind] = handler;
    }
    return `${kind}.${handlerType}.host=${JSON.stringify(host)}`;
  },
  (r, d) => {
    const init: Obj = { name: `init${(d.spec.initContainers ?? []).length}`, image: 'registry.example/init:1.0' };
    if (chance(r, 0.6)) init['securityContext'] = structuredClone(d.spec.containers[0]!['securityContext'] ?? {});
    (d.spec.initContainers ??= []).push(init);
    return 'initContainer';
  },
  (r, d) => {
    const c: Obj = { name: `side${d.spec.containers.length}`, image: 'registry.example/side:1.0' };
    if (chance(r, 0.5)) c['securityContext'] = structuredClone(d.spec.containers[0]!['securityContext'] ?? {});
    d.spec.containers.push(c);
    return 'sidecar';
  },
  (r, d) => windowsPod(r, d),
];

/** Linux-only fields the API server rejects on `spec.os.name: windows` pods. */
const LINUX_ONLY_CONTAINER = ['seLinuxOptions', 'seccompProfile', 'appArmorProfile', 'capabilities', 'readOnlyRootFilesystem', 'privileged', 'allowPrivilegeEscalation', 'procMount', 'runAsUser', 'runAsGroup'];
const LINUX_ONLY_POD = ['seLinuxOptions', 'seccompProfile', 'appArmorProfile', 'fsGroup', 'fsGroupChangePolicy', 'sysctls', 'runAsUser', 'runAsGroup', 'supplementalGroups', 'supplementalGroupsPolicy', 'seLinuxChangePolicy'];

function windowsPod(r: Rand, d: Draft): string {
  d.spec['os'] = { name: 'windows' };
  delete d.spec['hostUsers'];
  for (const k of LINUX_ONLY_POD) delete d.spec.securityContext?.[k];
  for (const c of allContainers(d)) for (const k of LINUX_ONLY_CONTAINER) delete (c['securityContext'] as Obj | undefined)?.[k];
  for (const k of Object.keys(d.annotations)) if (k.startsWith('container.apparmor')) delete d.annotations[k];
  d.spec.volumes = (d.spec.volumes ?? []).filter((v) => !('hostPath' in v));
  if (chance(r, 0.4)) {
    // HostProcess: every container, hostNetwork on, run as a Windows user.
    podSc(d)['windowsOptions'] = { hostProcess: true, runAsUserName: 'NT AUTHORITY\\SYSTEM' };
    d.spec['hostNetwork'] = true;
    return 'windows+hostProcess';
  }
  if (chance(r, 0.3)) {
    const c = someContainer(r, d);
    sc(c)['windowsOptions'] = { hostProcess: false };
  }
  return 'windows';
}

function generate(seed: number, count: number): Case[] {
  const r = seededRandom(seed);
  const cases: Case[] = [];
  for (let i = 0; i < count; i++) {
    const d = chance(r, 0.6) ? restrictedBase() : bareBase();
    const n = 1 + Math.floor(r() * 4);
    for (let j = 0; j < n; j++) {
      // Windows is a whole-pod switch; apply it at most once and last.
      const m = pick(r, MUTATIONS);
      if (m === MUTATIONS[MUTATIONS.length - 1] && j < n - 1) continue;
      d.tags.push(m(r, d));
    }
    const name = `gen-${String(i).padStart(3, '0')}`;
    cases.push({
      name,
      origin: `generated seed=${seed} #${i}: ${d.tags.join(' ')}`,
      pod: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, ...(Object.keys(d.annotations).length ? { annotations: d.annotations } : {}) },
        spec: d.spec,
      },
    });
  }
  return cases;
}

// --- the test ------------------------------------------------------------------------------------

interface Outcome {
  c: Case;
  profile: Profile;
  server: 'admitted' | 'denied' | 'invalid' | 'error';
  serverMessage: string;
  palisade: Verdict;
  failed: string[];
  rules: string[];
}

describe.skipIf(!info)('PSS differential: Palisade vs the real PodSecurity admission (dry-run)', () => {
  let k: TestCluster;
  let namespaces: K8sObject[];

  beforeAll(async () => {
    k = clusterFor(info!);
    namespaces = PROFILES.map((p) => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: p.namespace,
        labels: { 'pod-security.kubernetes.io/enforce': p.level, ...(p.version ? { 'pod-security.kubernetes.io/enforce-version': p.version } : {}) },
      },
    }));
    for (const ns of namespaces) await k.createNamespace(ns.metadata.name, ns.metadata.labels);
  });

  it('agrees on every fixture and generated pod, at baseline and restricted (latest and pinned versions)', async () => {
    expect(rulesFor('baseline').length).toBeGreaterThanOrEqual(11);
    expect(rulesFor('restricted').length).toBeGreaterThan(rulesFor('baseline').length);
    const cases = [...(await fixtureCases()), ...generate(SEED, GENERATED)];
    const outcomes: Outcome[] = [];
    for (const c of cases) {
      for (const p of PROFILES) {
        const pod = { ...c.pod, metadata: { ...c.pod.metadata, namespace: p.namespace } };
        const dry = await k.dryRunCreate(pod);
        const server = dry.verdict === 'admitted' ? 'admitted' : dry.verdict === 'policy-denied' ? 'denied' : dry.verdict;
        const mine = palisadeVerdict(c.pod, p, namespaces);
        outcomes.push({ c, profile: p, server, serverMessage: dry.message, palisade: mine.verdict, failed: mine.failed, rules: mine.rules });
      }
    }
    const judged = outcomes.filter((o) => o.server === 'admitted' || o.server === 'denied');
    const invalid = outcomes.filter((o) => o.server === 'invalid');
    const errors = outcomes.filter((o) => o.server === 'error');
    const disagreements = judged.filter((o) => o.server !== o.palisade);
    const fixtures = cases.filter((c) => !c.name.startsWith('gen-')).length;
    const denied = judged.filter((o) => o.server === 'denied').length;
    const firing = new Map<string, number>();
    for (const o of judged) if (o.server === 'denied' && o.palisade === 'denied') for (const id of o.rules) firing.set(id, (firing.get(id) ?? 0) + 1);
    const summary = [
      `PSS differential: ${cases.length} cases (${fixtures} fixtures, ${cases.length - fixtures} generated, seed ${SEED}) x ${PROFILES.length} namespace profiles (${PROFILES.map((p) => p.id).join(', ')}) = ${outcomes.length} checks`,
      `  judged by the server: ${judged.length} (${denied} denied, ${judged.length - denied} admitted); 422 invalid cases (generator): ${invalid.length}; other errors: ${errors.length}`,
      `  denials per rule (agreed): ${[...firing.entries()].sort().map(([id, n]) => `${id.slice(4)}=${n}`).join(' ')}`,
      `  agreement: ${judged.length - disagreements.length}/${judged.length} = ${judged.length ? ((100 * (judged.length - disagreements.length)) / judged.length).toFixed(2) : '0'}%`,
    ];
    for (const o of disagreements) {
      summary.push(
        `  DISAGREE [${o.profile.id}] ${o.c.name} (${o.c.origin}): server=${o.server}${o.serverMessage ? ` (${o.serverMessage})` : ''} palisade=${o.palisade}${o.failed.length ? ` (${o.failed.join(' | ')})` : ''}`,
        `    spec: ${JSON.stringify(o.c.pod.spec)}${o.c.pod.metadata.annotations ? ` annotations: ${JSON.stringify(o.c.pod.metadata.annotations)}` : ''}`,
      );
    }
    for (const o of [...invalid, ...errors].slice(0, 10)) summary.push(`  not judged [${o.profile.id}] ${o.c.name} (${o.c.origin}): ${o.server}: ${o.serverMessage}`);
    process.stdout.write(`${summary.join('\n')}\n`);
    await mkdir(join(REPO, 'test-artifacts'), { recursive: true });
    await writeFile(join(REPO, 'test-artifacts/pss-differential.txt'), `${summary.join('\n')}\n`);
    if (process.env['PSS_DIFF_SAVE'] === '1') await saveDisagreements(disagreements, outcomes);

    expect(errors.map((o) => `${o.c.name}: ${o.serverMessage}`)).toEqual([]);
    // The generator must mostly produce valid pods, or the differential proves little.
    expect(invalid.length).toBeLessThan(outcomes.length * 0.1);
    expect(denied).toBeGreaterThan(judged.length * 0.2);
    expect(judged.length - denied).toBeGreaterThan(judged.length * 0.2);
    // Every PSS rule decided at least one denial the server agreed with (no rule is untested here).
    expect(rulesFor('restricted').map((r) => r.meta.id).filter((id) => !firing.has(id))).toEqual([]);
    expect(disagreements.map((o) => `[${o.profile.id}] ${o.c.name}: server=${o.server} palisade=${o.palisade}`)).toEqual([]);
  });
});

/** Writes each disagreeing case as a Pod fixture annotated with the real admission's verdicts. */
async function saveDisagreements(disagreements: Outcome[], outcomes: Outcome[]): Promise<void> {
  const dir = join(FIXTURES, 'differential');
  await mkdir(dir, { recursive: true });
  const seen = new Set<string>();
  for (const o of disagreements) {
    if (seen.has(o.c.name) || !o.c.name.startsWith('gen-')) continue;
    seen.add(o.c.name);
    const verdicts = Object.fromEntries(outcomes.filter((x) => x.c === o.c).map((x) => [`palisade.dev/psa-${x.profile.id.replace('@', '-')}`, x.server]));
    const pod = {
      ...o.c.pod,
      metadata: {
        name: `psa-diff-${o.c.name}`,
        annotations: { ...(o.c.pod.metadata.annotations ?? {}), ...verdicts, 'palisade.dev/psa-origin': o.c.origin },
      },
    };
    await writeFile(join(dir, `${o.c.name}.yaml`), `# Found by test/integration/pss-differential.test.ts: Palisade disagreed with PodSecurity admission (${SERVER_VERSION}).\n${stringify(pod)}`);
  }
}
