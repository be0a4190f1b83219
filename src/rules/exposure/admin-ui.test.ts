import { describe, expect, it } from 'vitest';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './admin-ui.js';
import { imageRepository } from './common.js';
import { ingress, service, ui } from './fixtures.js';

testRule(rule, {
  valid: [
    { name: 'a dashboard behind a ClusterIP Service', objects: ui() + service('ClusterIP') },
    { name: 'a dashboard with no Service at all', objects: ui() },
    { name: 'a LoadBalancer that selects other pods', objects: ui() + service('LoadBalancer', '', '{app: other}') },
    { name: 'an ordinary web server', objects: ui({ image: 'nginx:1.27', labels: '{app: web}' }) + service('LoadBalancer', '', '{app: web}'), status: 'not-applicable' },
  ],
  invalid: [
    { name: 'the Kubernetes Dashboard on a LoadBalancer', objects: ui() + service('LoadBalancer'), messages: ['exposed'], paths: ['exposure'], messageIncludes: 'Kubernetes Dashboard (Deployment ui) is reachable from outside the cluster through Service/ui type LoadBalancer' },
    { name: 'Grafana (by image, with a registry host) on a NodePort', objects: ui({ image: 'docker.io/grafana/grafana:11.2.0', labels: '{app.kubernetes.io/name: grafana}' }) + service('NodePort', '', '{app.kubernetes.io/name: grafana}'), messages: ['exposed'], messageIncludes: 'Grafana (Deployment ui)' },
    { name: 'Prometheus through an Ingress', objects: ui({ image: 'quay.io/prometheus/prometheus:v3.1.0' }) + service('ClusterIP') + ingress(), messages: ['exposed'], messageIncludes: 'Prometheus (Deployment ui) is reachable from outside the cluster through Ingress/dash (dash.example.com)' },
    { name: 'Argo CD server recognised by its command (the image is shared by every Argo CD component)', objects: ui({ image: 'quay.io/argoproj/argocd:v2.13.0', args: '[/usr/local/bin/argocd-server]' }) + service('ClusterIP', 'externalIPs: [203.0.113.7]'), messages: ['exposed'], messageIncludes: 'Argo CD server (Deployment ui) is reachable from outside the cluster through Service/ui externalIPs 203.0.113.7' },
    { name: 'recognised by label alone (a mirrored image)', objects: ui({ image: 'registry.internal/mirror/dash:1', labels: '{k8s-app: kubernetes-dashboard}' }) + service('LoadBalancer', 'loadBalancerSourceRanges: [198.51.100.0/24]', '{k8s-app: kubernetes-dashboard}'), messages: ['exposed'], messageIncludes: 'type LoadBalancer (source ranges 198.51.100.0/24)' },
  ],
});

describe('imageRepository', () => {
  it('drops the registry host, tag and digest, and names Docker Hub official images library/', () => {
    expect(imageRepository('grafana/grafana:11.2.0')).toBe('grafana/grafana');
    expect(imageRepository('registry.example.com:5000/grafana/grafana@sha256:abc')).toBe('grafana/grafana');
    expect(imageRepository('localhost/kubernetesui/dashboard')).toBe('kubernetesui/dashboard');
    expect(imageRepository('jenkins:2.4')).toBe('library/jenkins');
    expect(imageRepository('registry.k8s.io/kube-apiserver:v1.36.3')).toBe('kube-apiserver');
  });
});
