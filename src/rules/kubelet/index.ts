/** CIS kubelet rules. Keep sorted by ID. */
import type { Rule } from '../../engine/rule.js';
import anonymousAuth from './anonymous-auth.js';
import authorizationMode from './authorization-mode.js';
import clientCaFile from './client-ca-file.js';
import eventRecordQps from './event-record-qps.js';
import makeIptablesUtilChains from './make-iptables-util-chains.js';
import podPidsLimit from './pod-pids-limit.js';
import readOnlyPort from './read-only-port.js';
import rotateCertificates from './rotate-certificates.js';
import rotateServerCertificates from './rotate-server-certificates.js';
import seccompDefault from './seccomp-default.js';
import streamingConnectionIdleTimeout from './streaming-connection-idle-timeout.js';
import strongCiphers from './strong-ciphers.js';
import tlsCertFile from './tls-cert-file.js';

export const KUBELET_RULES: readonly Rule[] = [
  anonymousAuth,
  authorizationMode,
  clientCaFile,
  eventRecordQps,
  makeIptablesUtilChains,
  podPidsLimit,
  readOnlyPort,
  rotateCertificates,
  rotateServerCertificates,
  seccompDefault,
  streamingConnectionIdleTimeout,
  strongCiphers,
  tlsCertFile,
];
