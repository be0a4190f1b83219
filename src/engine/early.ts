/**
 * Rules evaluated while a live listing is still going on.
 *
 * A big cluster's Pods take most of a listing; the API server and the page worker are then busy,
 * and the main thread waits for pages a good part of the time. This runs rules in those gaps, one
 * (rule, target kind) unit at a time between pages, on a partial view of the kinds already listed
 * (src/engine/partial.ts). A unit that reads a kind still being listed stops with `NotYetListed`,
 * leaves no result, and is evaluated after the listing like every unit not reached. Rules need not
 * say what they read: the view finds out, so the results are the same as a run after the listing.
 */
import type { K8sObject } from '../model/k8s.js';
import type { Snapshot } from '../inventory/snapshot.js';
import type { PalisadeConfig } from '../config/types.js';
import type { Evidence, Severity, Status } from '../model/result.js';
import { ResultStore } from '../findings/store.js';
import { relieve } from '../inventory/memory.js';
import { NotYetListed, partialView, type Assumption } from './partial.js';
import { evaluate, selectRules, targetRun, unitKey, type EarlyResults, type TargetRun } from './runner.js';
import type { Rule } from './rule.js';

/** One result of a unit, held until the unit has finished. */
interface Held {
  target: K8sObject;
  status: Status;
  severity: Severity;
  message: string;
  evidence: readonly Evidence[];
}

export class EarlyRun {
  readonly now = new Date();
  private readonly store = new ResultStore();
  private readonly objectIds = new Map<K8sObject, number>();
  private readonly units = new Set<string>();
  private readonly timings = new Map<string, number>();
  private readonly assumed: Assumption[] = [];
  private stopped = false;
  private running: Promise<void> | undefined;
  /** Units that read a kind still being listed (left for after the listing). */
  deferred = 0;

  /** `rules`: the rules, or how to find them from the partial view (custom and VAP rules come from the cluster). */
  constructor(
    private readonly rules: readonly Rule[] | ((view: Snapshot) => Promise<readonly Rule[]>),
    private readonly config: PalisadeConfig,
  ) {}

  /** Starts evaluating the units `snapshot` (the kinds listed so far) can answer, a unit per turn of the event loop. */
  start(snapshot: Snapshot, incomplete: ReadonlySet<string>): void {
    this.running ??= this.loop(snapshot, incomplete, () => new Promise<void>((resolve) => setImmediate(resolve))).catch((err: unknown) => {
      this.failure = err instanceof Error ? err : new Error(String(err));
    });
  }

  /** Why the early run stopped, when it failed (its results are then not used). */
  failure: Error | undefined;

  /** The same, all at once (tests): every unit the partial snapshot can answer is evaluated before it returns. */
  async runAll(snapshot: Snapshot, incomplete: ReadonlySet<string>): Promise<void> {
    await this.loop(snapshot, incomplete, () => Promise.resolve());
  }

  /** Stops after the unit under way and hands over what was evaluated (nothing when it failed: all is evaluated after the listing). */
  async finish(): Promise<EarlyResults | undefined> {
    this.stopped = true;
    await this.running;
    if (this.failure) return undefined;
    const assumed = this.assumed;
    return {
      store: this.store,
      objectIds: this.objectIds,
      units: this.units,
      timings: this.timings,
      now: this.now,
      holds: (full) => assumed.every((a) => a.holds(full)),
    };
  }

  /** Units evaluated so far. */
  get size(): number {
    return this.units.size;
  }

  private async loop(snapshot: Snapshot, incomplete: ReadonlySet<string>, pause: () => Promise<void>): Promise<void> {
    await pause(); // the caller (a listing) goes on first
    if (this.stopped) return;
    let run = this.fresh(snapshot, incomplete);
    if (!run) return;
    let rules: readonly Rule[];
    try {
      rules = typeof this.rules === 'function' ? await this.rules(run.view) : this.rules;
    } catch (err) {
      if (err instanceof NotYetListed) return;
      throw err;
    }
    // Kinds whose eligible targets could not be found yet (an owner still being listed).
    const blocked = new Set<string>();
    for (const { rule, severity } of selectRules(rules, this.config)) {
      if (!run) return;
      const listed = [...rule.meta.targets, ...(rule.meta.requires ?? [])].filter((k) => !incomplete.has(k));
      // Still being listed, or unreadable (its results are unknown): left for the run after the listing.
      if ((rule.meta.requires ?? []).some((k) => incomplete.has(k)) || listed.some((k) => run!.view.gapFor(k) !== undefined)) continue;
      for (const kind of rule.meta.targets) {
        if (this.stopped) return;
        if (incomplete.has(kind) || blocked.has(kind)) continue;
        try {
          this.unit(rule, severity, kind, run, blocked);
        } catch (err) {
          if (!(err instanceof NotYetListed)) throw err;
          // The rule reads a kind still being listed, likely in its other units too: they are left
          // for after the listing (finished ones stand: they read complete kinds only). Caches built
          // on this view may hold what the interrupted unit had half computed: a new view starts clean.
          this.deferred++;
          run = this.fresh(snapshot, incomplete);
          relieve();
          await pause();
          break;
        }
        relieve();
        await pause();
      }
    }
  }

  private fresh(snapshot: Snapshot, incomplete: ReadonlySet<string>): EarlyTargets | undefined {
    const view = partialView(snapshot, incomplete, this.assumed);
    try {
      return { ...targetRun(view, this.config, this.store, this.objectIds), view };
    } catch (err) {
      // The tenant model or the namespace selection needs a kind still being listed: nothing runs early.
      if (err instanceof NotYetListed) return undefined;
      throw err;
    }
  }

  /** One rule over one kind's targets; its results enter the store only once all of them are known. */
  private unit(rule: Rule, severity: Severity, kind: string, run: EarlyTargets, blocked: Set<string>): void {
    const started = performance.now();
    let targets: readonly K8sObject[];
    try {
      targets = run.eligible(kind);
    } catch (err) {
      if (err instanceof NotYetListed) blocked.add(kind);
      throw err;
    }
    const held: Held[] = [];
    for (const target of targets) {
      const r = evaluate(rule, severity, target, run.view, this.config, this.now);
      held.push({ target, status: r.status, severity: r.severity, message: r.message, evidence: r.evidence });
    }
    const ruleId = this.store.internRule(rule.meta.id);
    for (const h of held) this.store.push(ruleId, run.objectId(h.target), h.status, h.severity, h.message, h.evidence);
    this.units.add(unitKey(rule.meta.id, kind));
    this.timings.set(rule.meta.id, (this.timings.get(rule.meta.id) ?? 0) + performance.now() - started);
  }
}

type EarlyTargets = TargetRun & { view: Snapshot };
