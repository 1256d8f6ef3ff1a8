// The reminder policy: which step goes out how many days from the due date, by which
// channel and with which template, and the segments that change that for some clients.
// `validatePolicy` (policy-validate.ts) turns the YAML data into one.

import type { ClientType, Invoice } from './invoice.js';

export const CHANNELS = ['email', 'letter', 'call', 'task'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Channels that need a template: what goes out is written by relance. */
export const TEMPLATE_REQUIRED: ReadonlySet<Channel> = new Set(['email', 'letter']);

export const DEFAULT_MIN_GAP_DAYS = 5;
/** The time a formal notice gives the debtor to pay, "souvent 8 jours". */
export const DEFAULT_DEADLINE_DAYS = 8;

export interface Step {
  /** Unique and stable: the journal records it. */
  readonly id: string;
  /** Offset from the due date; negative = before it. */
  readonly day: number;
  readonly channel: Channel;
  /** Template name; null only for call and task steps without one. */
  readonly template: string | null;
  readonly attachPrevious: boolean;
  /** Days given to pay in a formal notice (shown by the templates). */
  readonly deadlineDays: number;
}

export interface SegmentMatch {
  /** The invoice must carry every one of them. */
  readonly tags: readonly string[];
  readonly clientType: ClientType | null;
}

export interface Segment {
  readonly match: SegmentMatch;
  /** Step id → template name, applied to the steps in force for the segment. */
  readonly templates: Readonly<Record<string, string>>;
  /** Replaces the policy's step list when given. */
  readonly steps: readonly Step[] | null;
}

export interface Policy {
  readonly steps: readonly Step[];
  readonly minGapDays: number;
  readonly segments: readonly Segment[];
}

/** How the YAML reader finds the line of a value: `['steps', 2, 'channel']`. */
export type LineOf = (path: readonly (string | number)[]) => number | undefined;

// ---------------------------------------------------------------- applying a policy

export function segmentMatches(segment: Segment, invoice: Pick<Invoice, 'tags' | 'clientType'>): boolean {
  if (segment.match.clientType !== null && segment.match.clientType !== invoice.clientType) return false;
  return segment.match.tags.every((t) => invoice.tags.includes(t));
}

/** The first segment that matches the invoice (segments are tried in order), or null. */
export function segmentFor(policy: Policy, invoice: Pick<Invoice, 'tags' | 'clientType'>): Segment | null {
  return policy.segments.find((s) => segmentMatches(s, invoice)) ?? null;
}

/** The steps in force for one invoice: its segment's own steps, with its templates. */
export function stepsFor(policy: Policy, invoice: Pick<Invoice, 'tags' | 'clientType'>): readonly Step[] {
  const segment = segmentFor(policy, invoice);
  if (!segment) return policy.steps;
  const steps = segment.steps ?? policy.steps;
  if (Object.keys(segment.templates).length === 0) return steps;
  return steps.map((s) => {
    const template = segment.templates[s.id];
    return template === undefined ? s : { ...s, template };
  });
}

/** Every step id the policy has, segments included, in order. */
export function policyStepIds(policy: Policy): string[] {
  const ids = new Set<string>(policy.steps.map((s) => s.id));
  for (const segment of policy.segments) for (const s of segment.steps ?? []) ids.add(s.id);
  return [...ids];
}
