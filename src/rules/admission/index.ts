/** Admission rules: CIS admission controls and the webhooks' attack surface. Keep sorted by ID. */
import type { Rule } from '../../engine/rule.js';
import imagePolicyWebhook from './image-policy-webhook.js';
import namespaceBoundaries from './namespace-boundaries.js';
import imageSignature from './image-signature.js';
import policyControlMechanism from './policy-control-mechanism.js';
import webhookExternalUrl from './webhook-external-url.js';
import webhookFailOpen from './webhook-fail-open.js';
import webhookSystemExemption from './webhook-system-exemption.js';
import webhookTenantBackend from './webhook-tenant-backend.js';

export const ADMISSION_RULES: readonly Rule[] = [
  imagePolicyWebhook,
  imageSignature,
  namespaceBoundaries,
  policyControlMechanism,
  webhookExternalUrl,
  webhookFailOpen,
  webhookSystemExemption,
  webhookTenantBackend,
];
