/**
 * Kubernetes versions in the report summary (issue 15): `summary.kubernetesVersions` in the
 * ScanResult (and its schema), the table's and Markdown's summary lines, the HTML fragment
 * (src/report/html/versions.ts), and a saved result read back by `report --from-result`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAjv } from '../../src/config/ajv.js';
import { defaultConfig } from '../../src/config/types.js';
import { scanSnapshot } from '../../src/engine/scan.js';
import { Snapshot } from '../../src/inventory/snapshot.js';
import type { K8sObject } from '../../src/model/k8s.js';
import { renderVersions } from '../../src/report/html/versions.js';
import { renderJsonString } from '../../src/report/json.js';
import { scanResultOf, type ScanResultDocument } from '../../src/report/load.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { ScanResult } from '../../src/report/model.js';
import { renderTable } from '../../src/report/table.js';
import { KUBELET_VERSIONS_SHOWN, versionsText } from '../../src/report/versions.js';
import { RULES } from '../../src/rules/index.js';

const ROOT = join(import.meta.dirname, '../..');
const validate = createAjv().compile(JSON.parse(readFileSync(join(ROOT, 'docs/scan-result.schema.json'), 'utf8')) as object);

const node = (name: string, kubeletVersion: string): K8sObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name }, status: { nodeInfo: { kubeletVersion } } });

function scan(objects: K8sObject[], cluster: { version?: string; targetVersion?: string } = {}, mode: 'live' | 'offline' = 'live'): ScanResult {
  const snapshot = new Snapshot({ objects, source: 'test', mode, cluster });
  return scanSnapshot(snapshot, { config: defaultConfig(), rules: RULES, now: new Date('2026-06-01T00:00:00Z') }).result;
}

describe('Kubernetes versions in the report summary', () => {
  const nodes = [node('a', 'v1.36.3'), node('b', 'v1.35.4'), node('c', 'v1.36.3'), node('d', 'v1.36.3')];

  it('the ScanResult carries the control plane and the kubelets aggregated by version (oldest first), valid against the schema', () => {
    const result = scan(nodes, { version: 'v1.36.3' });
    expect(result.summary.kubernetesVersions).toEqual({
      controlPlane: { version: 'v1.36.3', source: 'the API server (/version)' },
      kubelets: [
        { version: 'v1.35.4', nodes: 1 },
        { version: 'v1.36.3', nodes: 3 },
      ],
    });
    const doc = JSON.parse(renderJsonString(result)) as ScanResultDocument;
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    // Read back (report --from-result) it is the same summary.
    expect(scanResultOf(doc).summary.kubernetesVersions).toEqual(result.summary.kubernetesVersions);
    // The schema is strict about the new field.
    const bad = structuredClone(doc);
    (bad.summary.kubernetesVersions!.kubelets[0] as { nodes: unknown }).nodes = 'one';
    expect(validate(bad)).toBe(false);
  });

  it('offline input without any version has no field; --target-version alone is shown', () => {
    expect(scan([], {}, 'offline').summary.kubernetesVersions).toBeUndefined();
    const t = scan([], { targetVersion: 'v1.36' }, 'offline');
    expect(t.summary.kubernetesVersions).toEqual({ kubelets: [], target: 'v1.36' });
    expect(versionsText(t)).toBe('control plane unknown · kubelets none seen · target v1.36');
  });

  it('table and Markdown show the versions in their summary', () => {
    const result = scan(nodes, { version: 'v1.36.3' });
    const table = renderTable(result, { color: false, width: 200 });
    expect(table).toContain('  Versions  control plane v1.36.3 · kubelets v1.35.4 on 1 node, v1.36.3 on 3 nodes\n');
    expect(table.indexOf('Versions')).toBeGreaterThan(table.indexOf('SUMMARY'));
    expect(renderMarkdown(result)).toContain('Kubernetes: control plane v1.36.3 · kubelets v1.35.4 on 1 node, v1.36.3 on 3 nodes.');
    expect(renderTable(scan([], {}, 'offline'), { color: false })).not.toContain('Versions');
  });

  it('lists at most KUBELET_VERSIONS_SHOWN kubelet versions, then how many more', () => {
    const many = Array.from({ length: KUBELET_VERSIONS_SHOWN + 3 }, (_, i) => node(`n${i}`, `v1.${20 + i}.0`));
    const text = versionsText(scan(many))!;
    expect(text).toContain('v1.20.0 on 1 node');
    expect(text).not.toContain(`v1.${20 + KUBELET_VERSIONS_SHOWN}.0`);
    expect(text).toContain(', +3 more versions');
  });

  it('HTML fragment: escaped definition list, empty without versions', () => {
    const result = scan([node('x', 'v1.36.3-<b>evil</b>')], { version: 'v1.36.3' });
    const html = renderVersions(result);
    expect(html).toMatch(/^<dl class="versions" data-section="kubernetes-versions">/);
    expect(html).toContain('<dt>Control plane</dt><dd>v1.36.3 <span class="muted">(the API server (/version))</span></dd>');
    expect(html).toContain('v1.36.3-&lt;b&gt;evil&lt;/b&gt; on 1 node');
    expect(html).not.toContain('<b>');
    expect(renderVersions(scan([], {}, 'offline'))).toBe('');
  });
});
