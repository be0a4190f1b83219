/** Versions: deprecated and removed API versions, Kubernetes release currency and skew. Keep sorted by ID. */
import type { Rule } from '../../engine/rule.js';
import deprecatedApi from './deprecated-api.js';
import endOfLife from './end-of-life.js';
import kubeletSkew from './kubelet-skew.js';
import patchBehind from './patch-behind.js';
import removedApi from './removed-api.js';

export const VERSIONS_RULES: readonly Rule[] = [deprecatedApi, endOfLife, kubeletSkew, patchBehind, removedApi];
