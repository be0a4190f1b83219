import { writeSnapshotFile } from '../../inventory/snapshot-file.js';
import { parseOptions } from '../args.js';
import { loadConfig } from '../config.js';
import { EXIT, UsageError, type Io } from '../io.js';
import { acquireSnapshot } from '../source.js';
import { RULES } from '../../rules/index.js';
import type { Command } from './command.js';

export const snapshotCommand: Command = {
  name: 'snapshot',
  summary: 'Save what a scan would read to a file, to scan later with --snapshot',
  usage: `palisade snapshot --output FILE [--context NAME] [--kubeconfig FILE] [--from PATH...] [--config FILE]

  --output FILE        Snapshot file to write; gzip-compressed when it ends in .gz
  --context NAME       kubeconfig context (live)
  --kubeconfig FILE    kubeconfig (live; default $KUBECONFIG or ~/.kube/config)
  --from PATH          Read manifests instead of the cluster; repeatable
  --config FILE        palisade.yaml (for clusterName)`,
  async run(args: string[], io: Io): Promise<number> {
    const { values } = parseOptions(args, {
      output: { type: 'string' },
      context: { type: 'string' },
      kubeconfig: { type: 'string' },
      from: { type: 'string', multiple: true },
      config: { type: 'string' },
    });
    if (values.output === undefined) throw new UsageError('--output FILE is required');
    const config = await loadConfig(values.config, RULES);
    const snapshot = await acquireSnapshot(
      {
        from: values.from ?? [],
        ...(values.kubeconfig !== undefined ? { kubeconfig: values.kubeconfig } : {}),
        ...(values.context !== undefined ? { context: values.context } : {}),
        ...(config.clusterName !== undefined ? { clusterName: config.clusterName } : {}),
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
