import { writeSnapshotFile } from '../../inventory/snapshot-file.js';
import { parseOptions } from '../args.js';
import { loadConfig } from '../config.js';
import { EXIT, UsageError, type Io } from '../io.js';
import { acquireSnapshot, KUBELET_TLS_OPTIONS, kubeletTlsSource, LIMIT_OPTIONS, LIMIT_USAGE, limitsOf } from '../source.js';
import { RULES } from '../../rules/index.js';
import type { Command } from './command.js';

export const snapshotCommand: Command = {
  name: 'snapshot',
  summary: 'Save what a scan would read to a file, to scan later with --snapshot',
  usage: `palisade snapshot --output FILE [--context NAME] [--kubeconfig FILE] [--from PATH...] [--config FILE]
                  [--kubelet-ca FILE | --kubelet-insecure-tls]

  --output FILE        Snapshot file to write; gzip-compressed when it ends in .gz
  --context NAME       kubeconfig context (live)
  --kubeconfig FILE    kubeconfig (live; default $KUBECONFIG or ~/.kube/config)
  --from PATH          Read manifests instead of the cluster; repeatable
  --config FILE        palisade.yaml (for clusterName and kubelet TLS)
  --kubelet-ca FILE    Live: verify kubelet serving certificates against this PEM CA bundle instead of
                       the cluster CA (kubeadm/kind kubelets sign their own certificate)
  --kubelet-insecure-tls  Live, last resort: do not verify kubelet serving certificates (warns; each
                       KubeletConfiguration in the file is annotated palisade.dev/kubelet-tls: not-verified)${LIMIT_USAGE}`,
  async run(args: string[], io: Io): Promise<number> {
    const { values } = parseOptions(args, {
      output: { type: 'string' },
      context: { type: 'string' },
      kubeconfig: { type: 'string' },
      from: { type: 'string', multiple: true },
      config: { type: 'string' },
      ...KUBELET_TLS_OPTIONS,
      ...LIMIT_OPTIONS,
    });
    if (values.output === undefined) throw new UsageError('--output FILE is required');
    const config = await loadConfig(values.config, RULES);
    const kubeletTls = kubeletTlsSource(values, config.kubelet, { live: (values.from ?? []).length === 0 });
    const snapshot = await acquireSnapshot(
      {
        from: values.from ?? [],
        ...(values.kubeconfig !== undefined ? { kubeconfig: values.kubeconfig } : {}),
        ...(values.context !== undefined ? { context: values.context } : {}),
        ...(config.clusterName !== undefined ? { clusterName: config.clusterName } : {}),
        ...kubeletTls,
        ...limitsOf(values, config.limits),
      },
      io,
    );
    await writeSnapshotFile(snapshot, values.output);
    io.stderr.write(
      `palisade: wrote ${snapshot.objects.length} objects to ${values.output}` +
        (snapshot.gaps.length + snapshot.errors.length > 0 ? ` (${snapshot.errors.length} errors, ${snapshot.gaps.length} unreadable kinds)` : '') +
        '\n',
    );
    if (snapshot.objects.length === 0) return EXIT.incomplete;
    return snapshot.errors.length > 0 || snapshot.gaps.length > 0 ? EXIT.incomplete : EXIT.ok;
  },
};
