/** Exposure rules: attack surface reachable from outside the cluster or beside the control plane. Keep sorted by ID. */
import type { Rule } from '../../engine/rule.js';
import adminUi from './admin-ui.js';
import adminUiPrivileged from './admin-ui-privileged.js';
import shadowApiserver from './shadow-apiserver.js';

export const EXPOSURE_RULES: readonly Rule[] = [adminUi, adminUiPrivileged, shadowApiserver];
