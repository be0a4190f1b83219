/** CIS control-plane rules. Keep sorted by ID. */
import type { Rule } from '../../engine/rule.js';
import alwaysAdmit from './always-admit.js';
import alwaysPullImages from './always-pull-images.js';
import anonymousAuth from './anonymous-auth.js';
import apiserverProfiling from './apiserver-profiling.js';
import apiserverTls from './apiserver-tls.js';
import auditLogMaxage from './audit-log-maxage.js';
import auditLogMaxbackup from './audit-log-maxbackup.js';
import auditLogMaxsize from './audit-log-maxsize.js';
import auditLogPath from './audit-log-path.js';
import auditPolicyFile from './audit-policy-file.js';
import authorizationModeNode from './authorization-mode-node.js';
import authorizationModeNotAlwaysAllow from './authorization-mode-not-always-allow.js';
import authorizationModeRbac from './authorization-mode-rbac.js';
import clientCaFile from './client-ca-file.js';
import controllerManagerBindAddress from './controller-manager-bind-address.js';
import controllerManagerProfiling from './controller-manager-profiling.js';
import denyServiceExternalIps from './deny-service-external-ips.js';
import encryptionProviderConfig from './encryption-provider-config.js';
import etcdCafile from './etcd-cafile.js';
import etcdClientCertificate from './etcd-client-certificate.js';
import eventRateLimit from './event-rate-limit.js';
import kubeProxyMetricsBindAddress from './kube-proxy-metrics-bind-address.js';
import kubeletCertificateAuthority from './kubelet-certificate-authority.js';
import kubeletClientCertificate from './kubelet-client-certificate.js';
import namespaceLifecycleAdmission from './namespace-lifecycle-admission.js';
import nodeRestriction from './node-restriction.js';
import requestTimeout from './request-timeout.js';
import rootCaFile from './root-ca-file.js';
import rotateKubeletServerCertificate from './rotate-kubelet-server-certificate.js';
import schedulerBindAddress from './scheduler-bind-address.js';
import schedulerProfiling from './scheduler-profiling.js';
import serviceAccountAdmission from './service-account-admission.js';
import serviceAccountExtendTokenExpiration from './service-account-extend-token-expiration.js';
import serviceAccountKeyFile from './service-account-key-file.js';
import serviceAccountLookup from './service-account-lookup.js';
import serviceAccountPrivateKeyFile from './service-account-private-key-file.js';
import strongCiphers from './strong-ciphers.js';
import terminatedPodGcThreshold from './terminated-pod-gc-threshold.js';
import tokenAuthFile from './token-auth-file.js';
import useServiceAccountCredentials from './use-service-account-credentials.js';

export const CONTROL_PLANE_RULES: readonly Rule[] = [
  alwaysAdmit,
  alwaysPullImages,
  anonymousAuth,
  apiserverProfiling,
  apiserverTls,
  auditLogMaxage,
  auditLogMaxbackup,
  auditLogMaxsize,
  auditLogPath,
  auditPolicyFile,
  authorizationModeNode,
  authorizationModeNotAlwaysAllow,
  authorizationModeRbac,
  clientCaFile,
  controllerManagerBindAddress,
  controllerManagerProfiling,
  denyServiceExternalIps,
  encryptionProviderConfig,
  etcdCafile,
  etcdClientCertificate,
  eventRateLimit,
  kubeProxyMetricsBindAddress,
  kubeletCertificateAuthority,
  kubeletClientCertificate,
  namespaceLifecycleAdmission,
  nodeRestriction,
  requestTimeout,
  rootCaFile,
  rotateKubeletServerCertificate,
  schedulerBindAddress,
  schedulerProfiling,
  serviceAccountAdmission,
  serviceAccountExtendTokenExpiration,
  serviceAccountKeyFile,
  serviceAccountLookup,
  serviceAccountPrivateKeyFile,
  strongCiphers,
  terminatedPodGcThreshold,
  tokenAuthFile,
  useServiceAccountCredentials,
];
