/** CIS admission rules. Keep sorted by ID. */
import type { Rule } from '../../engine/rule.js';
import imagePolicyWebhook from './image-policy-webhook.js';
import namespaceBoundaries from './namespace-boundaries.js';
import imageSignature from './image-signature.js';
import policyControlMechanism from './policy-control-mechanism.js';

export const ADMISSION_RULES: readonly Rule[] = [
  imagePolicyWebhook,
  imageSignature,
  namespaceBoundaries,
  policyControlMechanism,
];
