import { defineRule } from '../../engine/rule.js';
import { CLUSTER_KIND } from '../../engine/rule.js';
import { dataLabel, releaseOf, staleReason } from '../../analysis/kubernetes-releases.js';
import { kubeletVersionOf, minorKey, parseVersion, type ObservedVersion } from '../../analysis/kubernetes-versions.js';
import { currentVersionOf, peer, releaseDataOf } from './common.js';

/** A supported minor that is not on its latest patch misses the fixes (CVEs included) released since. */
export default defineRule({
  meta: {
    id: 'versions/patch-behind',
    title: 'The control plane and kubelets should run the latest patch of their minor release',
    description:
      'Kubernetes ships security and bug fixes in patch releases of each supported minor, about monthly. A component behind the latest patch of its minor carries every fix published since. Checked for the control plane and each kubelet against dated release data (embedded, or --release-data FILE); a minor past end of life is left to versions/end-of-life. Results name the data date and are unknown when the data is more than a year older than the scan.',
    remediation: 'Upgrade to the latest patch release of the minor (patch upgrades are safe to roll: no API changes); keep the release data current with --release-data.',
    severity: 'medium',
    category: 'security',
    references: [peer('popeye/POP-405'), peer('kubescape/C-0273')],
    targets: [CLUSTER_KIND, 'Node'],
    scope: 'object',
    messages: { behind: '{{component}} runs Kubernetes {{version}}; the latest {{minor}} patch is {{latest}} ({{data}})' },
  },
  check(ctx) {
    const data = releaseDataOf(ctx);
    const observed: ObservedVersion | undefined = ctx.target.kind === 'Node' ? kubeletVersionOf(ctx.target) : currentVersionOf(ctx);
    if (!observed) return ctx.target.kind === 'Node' ? ctx.unknown('the Node reports no kubeletVersion') : undefined;
    const v = parseVersion(observed.version);
    if (!v) return ctx.unknown(`cannot parse version ${observed.version} (${observed.source})`);
    const stale = staleReason(data, ctx.now);
    if (stale) return ctx.unknown(stale);
    const minor = minorKey(v);
    const release = releaseOf(data, minor);
    if (!release) return ctx.unknown(`Kubernetes ${minor} is not in the ${dataLabel(data)}`);
    if (release.endOfLife < ctx.now.toISOString().slice(0, 10)) return ctx.notApplicable(`${minor} is past end of life (versions/end-of-life)`);
    const latest = parseVersion(release.latestPatch)!;
    const component = ctx.target.kind === 'Node' ? `The kubelet of Node ${ctx.target.metadata.name}` : 'The control plane';
    const evidence = [{ path: observed.source, actual: observed.version, expected: `${release.latestPatch} or later (${dataLabel(data)})` }];
    if (v.patch < latest.patch) return ctx.fail('behind', { component, version: observed.version, minor, latest: release.latestPatch, data: dataLabel(data) }, evidence);
    ctx.pass(undefined, {}, evidence);
  },
});
