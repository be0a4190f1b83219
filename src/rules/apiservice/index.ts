/** Aggregated API (APIService) rules. Keep sorted by ID. */
import type { Rule } from '../../engine/rule.js';
import insecureSkipTlsVerify from './insecure-skip-tls-verify.js';
import tenantBackend from './tenant-backend.js';

export const APISERVICE_RULES: readonly Rule[] = [insecureSkipTlsVerify, tenantBackend];
