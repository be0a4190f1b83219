import { describe, expect, it } from 'vitest';
import { defaultPullPolicy, parseImage } from './common.js';

describe('image references', () => {
  it('splits repository, tag and digest; a registry port is not a tag', () => {
    expect(parseImage('nginx')).toEqual({ repository: 'nginx' });
    expect(parseImage('nginx:1.27')).toEqual({ repository: 'nginx', tag: '1.27' });
    expect(parseImage('registry.local:5000/team/app')).toEqual({ repository: 'registry.local:5000/team/app' });
    expect(parseImage('registry.local:5000/team/app:v2')).toEqual({ repository: 'registry.local:5000/team/app', tag: 'v2' });
    expect(parseImage('app@sha256:abc')).toEqual({ repository: 'app', digest: 'sha256:abc' });
    expect(parseImage('app:1@sha256:abc')).toEqual({ repository: 'app', tag: '1', digest: 'sha256:abc' });
  });

  it('defaults imagePullPolicy like the API server', () => {
    expect(defaultPullPolicy('nginx')).toBe('Always');
    expect(defaultPullPolicy('nginx:latest')).toBe('Always');
    expect(defaultPullPolicy('nginx:1.27')).toBe('IfNotPresent');
    expect(defaultPullPolicy('nginx@sha256:abc')).toBe('IfNotPresent');
    expect(defaultPullPolicy('nginx:latest@sha256:abc')).toBe('Always');
  });
});
