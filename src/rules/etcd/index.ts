/** CIS etcd rules. Keep sorted by ID. */
import type { Rule } from '../../engine/rule.js';
import autoTls from './auto-tls.js';
import clientCertAuth from './client-cert-auth.js';
import clientTls from './client-tls.js';
import peerAutoTls from './peer-auto-tls.js';
import peerClientCertAuth from './peer-client-cert-auth.js';
import peerTls from './peer-tls.js';
import uniqueCa from './unique-ca.js';

export const ETCD_RULES: readonly Rule[] = [
  autoTls,
  clientCertAuth,
  clientTls,
  peerAutoTls,
  peerClientCertAuth,
  peerTls,
  uniqueCa,
];
