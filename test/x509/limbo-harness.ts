// Maps x509-limbo test cases (C2SP/x509-limbo, ../shared/vectors/x509-limbo/limbo.json) to
// verifyChain and grades them the way upstream harnesses do: a case passes when the
// verdict equals expected_result. Skips are per feature tag (opt-in, as the limbo README
// asks) and each carries its reason. Used by limbo.test.ts and scripts/limbo-report.ts.
import { CachetError } from '../../src/errors.js';
import { type VerifyChainOptions, verifyChain } from '../../src/x509/index.js';

export interface LimboCase {
  id: string;
  conflicts_with: string[];
  features: string[];
  description: string;
  validation_kind: 'SERVER' | 'CLIENT';
  trusted_certs: string[];
  untrusted_intermediates: string[];
  peer_certificate: string;
  validation_time: string | null;
  signature_algorithms: string[];
  key_usage: string[];
  extended_key_usage: string[];
  expected_result: 'SUCCESS' | 'FAILURE';
  expected_peer_name: { kind: 'DNS' | 'IP' | 'RFC822'; value: string } | null;
  expected_peer_names: { kind: string; value: string }[];
  max_chain_depth: number | null;
  crls: string[];
}

export interface LimboResult {
  id: string;
  expected: 'SUCCESS' | 'FAILURE';
  actual: 'SUCCESS' | 'FAILURE' | 'SKIPPED';
  /** Error code on failure, skip reason on skip. */
  context: string;
  features: string[];
  ms: number;
}

/** Feature tags cachet does not claim, with the reason printed for every skipped case. */
export const UNSUPPORTED_FEATURES: Readonly<Record<string, string>> = {
  'pedantic-webpki-eku':
    'CABF subscriber EKU issuance rules (EKU required and non-critical in leaves, none in roots) are not enforced: RFC 5280 allows all four shapes and private PKIs use them',
  'pedantic-public-suffix-wildcard':
    'no Public Suffix List is bundled; only wildcards directly over a single label (*.com) are refused',
};

/**
 * The profile a case is graded under. Cases in the namespaces that state RFC 5280's own
 * rules (rfc5280::, pathlen::) use cachet's 'rfc5280' profile; the rest (webpki::, online::,
 * cve::, crl::, pathological::, invalid::) use the default 'web' profile.
 */
export function profileFor(c: LimboCase): 'web' | 'rfc5280' {
  return c.id.startsWith('rfc5280::') || c.id.startsWith('pathlen::') ? 'rfc5280' : 'web';
}

export function skipReason(c: LimboCase): string | undefined {
  for (const f of c.features)
    if (UNSUPPORTED_FEATURES[f]) return `${f}: ${UNSUPPORTED_FEATURES[f]}`;
  if (c.signature_algorithms.length > 0) return 'custom signature_algorithms';
  return undefined;
}

export function optionsFor(c: LimboCase): VerifyChainOptions {
  const o: VerifyChainOptions = {
    leaf: c.peer_certificate,
    intermediates: c.untrusted_intermediates,
    roots: c.trusted_certs,
    profile: profileFor(c),
    purpose: c.validation_kind === 'CLIENT' ? 'clientAuth' : 'serverAuth',
  };
  if (c.validation_time) o.at = new Date(c.validation_time);
  const peer = c.expected_peer_name;
  if (peer?.kind === 'DNS') o.hostname = peer.value;
  if (peer?.kind === 'IP') o.ip = peer.value;
  if (c.max_chain_depth !== null) o.maxDepth = c.max_chain_depth;
  if (c.crls.length > 0) o.crls = c.crls;
  if (c.key_usage.length > 0)
    o.keyUsage = c.key_usage as NonNullable<VerifyChainOptions['keyUsage']>;
  for (const eku of c.extended_key_usage) {
    if (eku === 'serverAuth' || eku === 'clientAuth') o.purpose = eku;
  }
  return o;
}

export async function runCase(c: LimboCase): Promise<LimboResult> {
  const base = { id: c.id, expected: c.expected_result, features: c.features };
  const skip = skipReason(c);
  if (skip) return { ...base, actual: 'SKIPPED', context: skip, ms: 0 };
  const started = performance.now();
  try {
    const { chain } = await verifyChain(optionsFor(c));
    return {
      ...base,
      actual: 'SUCCESS',
      context: `chain of ${chain.length}`,
      ms: performance.now() - started,
    };
  } catch (err) {
    // Only cachet's typed errors count as a verdict; anything else is a harness failure.
    if (!(err instanceof CachetError)) throw err;
    return {
      ...base,
      actual: 'FAILURE',
      context: `${err.code}: ${err.message}`,
      ms: performance.now() - started,
    };
  }
}

export interface LimboSummary {
  total: number;
  applicable: number;
  passed: number;
  failed: number;
  skipped: number;
  falseAccepts: LimboResult[];
  falseRejects: LimboResult[];
  byFeature: Map<string, { passed: number; failed: number; skipped: number }>;
}

export function summarize(results: readonly LimboResult[]): LimboSummary {
  const byFeature = new Map<string, { passed: number; failed: number; skipped: number }>();
  const s: LimboSummary = {
    total: results.length,
    applicable: 0,
    passed: 0,
    failed: 0,
    skipped: 0,
    falseAccepts: [],
    falseRejects: [],
    byFeature,
  };
  for (const r of results) {
    const features = r.features.length ? r.features : [`(no feature tag: ${r.id.split('::')[0]})`];
    const outcome =
      r.actual === 'SKIPPED' ? 'skipped' : r.actual === r.expected ? 'passed' : 'failed';
    for (const f of features) {
      const entry = byFeature.get(f) ?? { passed: 0, failed: 0, skipped: 0 };
      entry[outcome]++;
      byFeature.set(f, entry);
    }
    s[outcome]++;
    if (outcome !== 'skipped') s.applicable++;
    if (outcome === 'failed' && r.actual === 'SUCCESS') s.falseAccepts.push(r);
    if (outcome === 'failed' && r.actual === 'FAILURE') s.falseRejects.push(r);
  }
  return s;
}
