// Temporary: heap after each phase of a live scan (run with --expose-gc).
import { writeHeapSnapshot } from 'node:v8';
const REPO = '/work/main';
const gc = (globalThis as { gc?: () => void }).gc!;
const mib = () => { gc(); gc(); return Math.round(process.memoryUsage().heapUsed / 1048576); };
const rss = () => Math.round(process.memoryUsage().rss / 1048576);
const { liveSnapshot } = await import(REPO + '/dist/inventory/live.js');
const { scanSnapshot } = await import(REPO + '/dist/engine/scan.js');
const { rulesFor } = await import(REPO + '/dist/engine/rules-for.js');
const { defaultConfig } = await import(REPO + '/dist/config/types.js');
const t0 = performance.now();
let maxHeapTotal = 0;
const iv = setInterval(() => { maxHeapTotal = Math.max(maxHeapTotal, process.memoryUsage().heapTotal); }, 50);
let snap: any = await liveSnapshot({ kubeconfig: process.argv[2], onProgress: (l: string) => { if (l.startsWith('[live] listed')) console.log('at listed end', { heap: mib(), rss: rss(), ext: Math.round(process.memoryUsage().external / 1048576), maxHeapTotal: Math.round(maxHeapTotal / 1048576) }); } });
clearInterval(iv);
console.log('inventory', { heap: mib(), rss: rss(), s: (performance.now() - t0) / 1000, objects: snap.objects.length });
if (process.argv[3] === 'heap1') writeHeapSnapshot('/tmp/inv.heapsnapshot');
const config = defaultConfig();
const t1 = performance.now();
const { result, run } = scanSnapshot(snap, { config, rules: await rulesFor(config, snap), startedAt: new Date() });
console.log([...run.timings].sort((a: any, b: any) => b[1] - a[1]).slice(0, 20).map(([r, t]: any) => `${r} ${Math.round(t)}ms`).join('\n'), '\ntotal rules ms', Math.round([...run.timings.values()].reduce((a: number, b: number) => a + b, 0)));
console.log('scan', { heap: mib(), rss: rss(), s: (performance.now() - t1) / 1000 });
if (process.argv[3] === 'heap2') writeHeapSnapshot('/tmp/scan.heapsnapshot');
snap = null; console.log('after dropping snapshot', { heap: mib() });
console.log('peak', process.resourceUsage().maxRSS / 1024, Boolean(result));
if (process.argv[3] === 'msgs') {
  const st = result.results;
  const seen = new Set<string>(); const byRule = new Map<string, { n: number; len: number }>();
  for (let i = 0; i < st.length; i++) { const m = st.messageOf(i); if (seen.has(m)) continue; seen.add(m); const r = st.ruleOf(i); const e = byRule.get(r) ?? { n: 0, len: 0 }; e.n++; e.len += m.length; byRule.set(r, e); }
  for (const [r, e] of [...byRule].sort((a, b) => b[1].len - a[1].len).slice(0, 12)) console.log(r, e.n, Math.round(e.len / 1024), 'KiB');
  let ev = 0; for (let i = 0; i < st.length; i++) { if (st.evidenceOf?.(i)) ev++; } console.log('results', st.length, 'with evidence', ev);
}
if (process.argv[3] === 'msgs') { const st = result.results; for (let i = 0; i < st.length; i++) if (st.ruleOf(i) === 'tenancy/cross-tenant-network') { console.log(st.messageOf(i).slice(0, 600)); console.log(JSON.stringify(st.evidenceOf(i)).slice(0, 600)); break; } }
if (process.argv[3] === 'store') {
  const st = (result as any).results as any;
  let ml = 0; for (const m of st.messages) ml += m.length;
  let el = 0; for (const e of st.evidence.values()) el += e.length;
  let kl = 0; for (const k of st.objectIndex.keys()) kl += k.length;
  console.log({ results: st.length, messages: st.messages.length, msgKiB: ml >> 10, evidence: st.evidence.size, evKiB: el >> 10, objects: st.objects.length, keyKiB: kl >> 10, waivers: st.waivers.size });
  const byRule = new Map<string, number>();
  for (const [i, e] of st.evidence) { const r = st.ruleOf(i); byRule.set(r, (byRule.get(r) ?? 0) + e.length); }
  console.log([...byRule].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([r, n]) => `${r} ${n >> 10} KiB`));
  const tr = (result as any); console.log('tenants', JSON.stringify(tr.tenants ?? null).length >> 10, 'KiB; crossTenantAccess', JSON.stringify(tr.crossTenantAccess ?? null).length >> 10, 'KiB; objects', JSON.stringify(tr.objects ?? null).length >> 10, 'KiB');
}
