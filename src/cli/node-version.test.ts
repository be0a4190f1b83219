import { describe, expect, it } from 'vitest';
import { MIN_NODE_MAJOR, nodeVersionProblem } from './node-version.js';

describe('Node.js version check', () => {
  it('Node 24 and later pass; older versions get one line naming both versions', () => {
    expect(MIN_NODE_MAJOR).toBe(24);
    expect(nodeVersionProblem('v24.0.0')).toBeUndefined();
    expect(nodeVersionProblem('v25.1.0')).toBeUndefined();
    expect(nodeVersionProblem(process.version)).toBeUndefined();
    const old = nodeVersionProblem('v20.20.2');
    expect(old).toBe('Node.js 24 or later is required; this is Node.js v20.20.2 (install Node.js 24, or run the container image)');
    expect(old).not.toContain('\n');
    expect(nodeVersionProblem('garbage')).toMatch(/Node\.js 24 or later is required/);
  });
});
