/** Workload hygiene rules (resources, probes, images, service accounts, secrets, placement). Keep sorted by ID. */
import type { Rule } from '../../engine/rule.js';
import automountServiceAccountToken from './automount-service-account-token.js';
import defaultNamespace from './default-namespace.js';
import defaultServiceAccount from './default-service-account.js';
import imageDigest from './image-digest.js';
import imagePullPolicy from './image-pull-policy.js';
import imageRegistry from './image-registry.js';
import imageTag from './image-tag.js';
import livenessProbe from './liveness-probe.js';
import nakedPod from './naked-pod.js';
import readOnlyRootFilesystem from './read-only-root-filesystem.js';
import readinessProbe from './readiness-probe.js';
import resourceLimits from './resource-limits.js';
import resourceRequests from './resource-requests.js';
import secretsInEnv from './secrets-in-env.js';

export const WORKLOAD_RULES: readonly Rule[] = [
  automountServiceAccountToken,
  defaultNamespace,
  defaultServiceAccount,
  imageDigest,
  imagePullPolicy,
  imageRegistry,
  imageTag,
  livenessProbe,
  nakedPod,
  readOnlyRootFilesystem,
  readinessProbe,
  resourceLimits,
  resourceRequests,
  secretsInEnv,
];
