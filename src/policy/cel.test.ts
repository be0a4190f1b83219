import { describe, expect, it } from 'vitest';
import { celConjuncts, celText, compileCel, evalCel, toCel } from './cel.js';

const object = toCel({
  metadata: { name: 'web', labels: { team: 'a' } },
  spec: { replicas: 5, ratio: 0.5, cpu: '500m', list: [3, 1, 2], url: 'https://a.example:8080/x/y?y=1&y=2', ip: '10.0.0.5' },
});

function run(expression: string): string {
  const c = compileCel(expression);
  if (!c.ok) return `compile: ${c.error}`;
  const r = evalCel(c.run, { object, oldObject: null });
  return r.ok ? celText(r.value) : `error: ${r.error}`;
}

describe('CEL with the Kubernetes libraries', () => {
  it.each([
    ['object.spec.replicas <= 4', 'false'],
    ['object.spec.replicas == 5 && object.spec.ratio < 1', 'true'],
    ['has(object.spec.replicas) && !has(object.spec.nope)', 'true'],
    ["'team' in object.metadata.labels", 'true'],
    ['oldObject == null', 'true'],
    ['object.spec.list.all(x, x > 0) && object.spec.list.exists_one(x, x == 2)', 'true'],
    ["object.metadata.name.startsWith('w') && object.metadata.name.matches('^[a-z]+$')", 'true'],
    ["'A,b'.split(',')[0].lowerAscii()", 'a'],
    ['object.spec.list.isSorted()', 'false'],
    ['[1, 2, 3].isSorted()', 'true'],
    ['object.spec.list.sum()', '6'],
    ['object.spec.list.min()', '1'],
    ['object.spec.list.max()', '3'],
    ['object.spec.list.indexOf(2)', '2'],
    ['[1, 2, 1].lastIndexOf(1)', '2'],
    ["'abc123def45'.find('[0-9]+')", '123'],
    ["'a1b22c333'.findAll('[0-9]+')", '[1, 22, 333]'],
    ["'a1b22c333'.findAll('[0-9]+', 2)", '[1, 22]'],
    ["quantity(object.spec.cpu).isLessThan(quantity('1'))", 'true'],
    ["quantity('1Gi').compareTo(quantity('1024Mi'))", '0'],
    ["quantity('1.5').add(quantity('500m')).isInteger()", 'true'],
    ["quantity('2k').sub(1).asInteger()", '1999'],
    ["quantity('-1m').sign()", '-1'],
    ["isQuantity('1Ki') && !isQuantity('1KiB')", 'true'],
    ['url(object.spec.url).getScheme()', 'https'],
    ['url(object.spec.url).getHost()', 'a.example:8080'],
    ['url(object.spec.url).getHostname()', 'a.example'],
    ['url(object.spec.url).getPort()', '8080'],
    ['url(object.spec.url).getEscapedPath()', '/x/y'],
    ["url(object.spec.url).getQuery()['y']", '[1, 2]'],
    ["isURL('/just/a/path') && !isURL('not a url')", 'true'],
    // Go's net/url keeps the host, port and path as written (WHATWG URL would drop :443 and fold /../).
    ["url('https://Example.com:443/a/../b').getHost() + url('https://Example.com:443/a/../b').getEscapedPath()", 'Example.com:443/a/../b'],
    ["url('http://[::1]:80/').getHostname()", '::1'],
    ["cidr('10.0.0.0/8').containsIP(object.spec.ip)", 'true'],
    ["cidr('10.0.0.0/8').containsCIDR('10.1.0.0/16') && !cidr('10.0.0.0/16').containsCIDR('10.0.0.0/8')", 'true'],
    ["ip('::1').isLoopback() && ip('127.0.0.1').isLoopback() && !ip('8.8.8.8').isLoopback()", 'true'],
    ["ip('fe80::1').isLinkLocalUnicast() && ip('8.8.8.8').isGlobalUnicast()", 'true'],
    ["ip('2001:db8::1').family()", '6'],
    ["string(cidr('10.1.2.3/8').masked())", '10.0.0.0/8'],
    ["cidr('192.168.0.0/24').prefixLength()", '24'],
    ["isIP('010.0.0.1')", 'false'],
    ["ip.isCanonical('2001:db8::1') && !ip.isCanonical('2001:DB8::1')", 'true'],
  ])('%s = %s', (expression, expected) => {
    expect(run(expression)).toBe(expected);
  });

  it('a key whose value is null is present, as in cel-go (has() true, iteration an error)', () => {
    const obj = toCel({ rules: null });
    const c = (e: string): string => {
      const p = compileCel(e);
      if (!p.ok) return p.error;
      const r = evalCel(p.run, { object: obj });
      return r.ok ? celText(r.value) : `error: ${r.error}`;
    };
    expect(c('has(object.rules)')).toBe('true');
    expect(c("'rules' in object")).toBe('true');
    expect(c('object.rules == null')).toBe('true');
    expect(c('has(object.other)')).toBe('false');
    expect(c('object.rules.all(r, true)')).toMatch(/^error/);
  });

  it('reports a missing field as an evaluation error, not false', () => {
    expect(run('object.spec.nope == 1')).toMatch(/^error: .*nope/);
  });

  it('names an unsupported function at compile time, with why', () => {
    expect(run("format.dns1123Label().validate('x')")).toMatch(/^compile: unsupported CEL function.*format/);
    expect(run("authorizer.group('').resource('pods').check('get').allowed()")).toMatch(/authorizer\.group \(authorization checks need the live API server\)/);
    expect(run('cel.bind(x, 1, x)')).toMatch(/bind/);
    expect(run('nosuchthing(object)')).toBe('compile: unsupported CEL function: nosuchthing');
  });

  it('reports syntax errors, and says so for optional field selection', () => {
    expect(run('object.spec.replicas <=')).toMatch(/^compile: CEL syntax error/);
    expect(run('object.?spec.orValue(1)')).toMatch(/optional field selection/);
  });
});

describe('celConjuncts', () => {
  it('splits at the top-level && only, and names what each operand reads (a has() test on a variable reads all of it)', () => {
    const split = celConjuncts('request.namespace != "kube-system" && (has(object.metadata.labels) || request.userInfo.username == "x") && ["a"].exists(n, n == request.namespace)');
    if (!split.ok) throw new Error(split.error);
    expect(split.parts.map((p) => p.reads)).toEqual([['request.namespace'], ['object.metadata', 'request.userInfo'], ['request.namespace']]);
    const presence = celConjuncts('has(request.userInfo)');
    expect(presence.ok && presence.parts[0]!.reads).toEqual(['request']);
    const request = toCel({ namespace: 'kube-system' });
    expect(split.parts.map((p) => { const r = evalCel(p.run, { request }); return r.ok ? r.value : 'error'; })).toEqual([false, 'error', false]);
  });

  it('refuses what compileCel refuses', () => {
    expect(celConjuncts('request.namespace ==').ok).toBe(false);
    expect(celConjuncts('authorizer.group("").check("get").allowed()').ok).toBe(false);
  });
});
