/**
 * Bearer-token protection for /metrics (findings are sensitive): TokenReview says who the
 * caller is, SubjectAccessReview says whether they may `get` the non-resource URL `/metrics`
 * — the same check kube-rbac-proxy does, so a Prometheus ServiceAccount bound to the usual
 * `nonResourceURLs: ["/metrics"]` ClusterRole works unchanged.
 */
import { createHash } from 'node:crypto';
import { AuthenticationV1Api, AuthorizationV1Api, type KubeConfig } from '@kubernetes/client-node';

export type AuthDecision =
  | { status: 200; user: string }
  | { status: 401; reason: string }
  | { status: 403; user: string; reason: string }
  | { status: 503; reason: string };

export interface Authorizer {
  /** `token` is the bearer token of the request, if any; `path` the non-resource URL asked for. */
  check(token: string | undefined, path: string): Promise<AuthDecision>;
}

export interface ReviewClient {
  tokenReview(token: string): Promise<{ authenticated: boolean; user?: string; groups?: string[]; uid?: string; extra?: Record<string, string[]>; error?: string }>;
  accessReview(subject: { user: string; groups: string[]; uid?: string; extra?: Record<string, string[]> }, path: string, verb: string): Promise<{ allowed: boolean; reason?: string }>;
}

/** TokenReview / SubjectAccessReview through @kubernetes/client-node (in-cluster or kubeconfig). */
export function kubeReviewClient(kc: KubeConfig): ReviewClient {
  const authn = kc.makeApiClient(AuthenticationV1Api);
  const authz = kc.makeApiClient(AuthorizationV1Api);
  return {
    async tokenReview(token) {
      const r = await authn.createTokenReview({ body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token } } });
      const s = r.status;
      const out: Awaited<ReturnType<ReviewClient['tokenReview']>> = { authenticated: s?.authenticated === true };
      if (s?.user?.username) out.user = s.user.username;
      if (s?.user?.groups) out.groups = s.user.groups;
      if (s?.user?.uid) out.uid = s.user.uid;
      if (s?.user?.extra) out.extra = s.user.extra;
      if (s?.error) out.error = s.error;
      return out;
    },
    async accessReview(subject, path, verb) {
      const spec: { user: string; groups: string[]; uid?: string; extra?: Record<string, string[]>; nonResourceAttributes: { path: string; verb: string } } = {
        user: subject.user,
        groups: subject.groups,
        nonResourceAttributes: { path, verb },
      };
      if (subject.uid) spec.uid = subject.uid;
      if (subject.extra) spec.extra = subject.extra;
      const r = await authz.createSubjectAccessReview({
        body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec },
      });
      const out: { allowed: boolean; reason?: string } = { allowed: r.status?.allowed === true };
      if (r.status?.reason) out.reason = r.status.reason;
      return out;
    },
  };
}

export interface TokenAuthorizerOptions {
  /** How long a decision is reused (Prometheus scrapes every 15-60 s with the same token). */
  cacheTtlMs?: number;
  now?: () => number;
}

/** Decisions are cached by token hash; errors reaching the API are never cached (fail closed, 503). */
export function tokenAuthorizer(client: ReviewClient, opts: TokenAuthorizerOptions = {}): Authorizer {
  const ttl = opts.cacheTtlMs ?? 30_000;
  const now = opts.now ?? Date.now;
  const cache = new Map<string, { at: number; decision: AuthDecision }>();
  return {
    async check(token, path) {
      if (!token) return { status: 401, reason: 'no bearer token' };
      const key = `${path} ${createHash('sha256').update(token).digest('hex')}`;
      const hit = cache.get(key);
      if (hit && now() - hit.at < ttl) return hit.decision;
      let decision: AuthDecision;
      try {
        decision = await decide(client, token, path);
      } catch (err) {
        return { status: 503, reason: `token or access review failed: ${(err as Error).message}` };
      }
      if (cache.size > 1000) cache.clear(); // bounded: a flood of bad tokens cannot grow memory
      cache.set(key, { at: now(), decision });
      return decision;
    },
  };
}

async function decide(client: ReviewClient, token: string, path: string): Promise<AuthDecision> {
  const who = await client.tokenReview(token);
  if (!who.authenticated || !who.user) return { status: 401, reason: who.error ?? 'token not authenticated' };
  const subject: Parameters<ReviewClient['accessReview']>[0] = { user: who.user, groups: who.groups ?? [] };
  if (who.uid) subject.uid = who.uid;
  if (who.extra) subject.extra = who.extra;
  const access = await client.accessReview(subject, path, 'get');
  if (!access.allowed) return { status: 403, user: who.user, reason: access.reason ?? `${who.user} may not get ${path}` };
  return { status: 200, user: who.user };
}

/** `Authorization: Bearer <token>` → token. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m?.[1];
}
