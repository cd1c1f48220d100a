/**
 * verifyChain: certification path building (RFC 4158, depth first from the leaf, trust
 * anchors tried before intermediates, backtracking on any failure) and validation (RFC
 * 5280 §6.1 with the per-certificate profile of profile.ts). Work is bounded by budgets
 * on candidates, signatures and name-constraint comparisons. When no path validates, the
 * error is the one from the attempt that got furthest.
 */

import { digest } from '../backend/hash.js';
import { equalBytes, hexEncode } from '../bytes.js';
import { CertificateError } from '../errors.js';
import { type Certificate, certData } from './certificate.js';
import { dnsMatches } from './dns.js';
import { FORM } from './general-name.js';
import { type Budget, checkNameConstraints } from './name-constraints.js';
import { EKU } from './oids.js';
import { type Normalized, normalize, type VerifyChainOptions } from './options.js';
import type { CertData } from './parse.js';
import { describe, type Problem, profileProblem, type Role } from './profile.js';
import { revocationProblem } from './revocation.js';
import { verifySignature } from './signature.js';
import { sameBytes } from './signed.js';

/**
 * The result of a successful validation.
 *
 * @example
 * ```ts
 * import { createTestPki, type VerifiedChain, verifyChain } from 'cachet/x509';
 * const pki = await createTestPki();
 * const result: VerifiedChain = await verifyChain({ leaf: pki.leaf, intermediates: [pki.intermediate], roots: [pki.root], hostname: 'localhost' });
 * console.log(result.chain.map((c) => c.subject.text)); // leaf, intermediate, root
 * ```
 */
export interface VerifiedChain {
  /** The validated path: the leaf first, the trust anchor last. */
  chain: Certificate[];
}

interface State {
  o: Normalized;
  anchors: Set<CertData>;
  /** Every distinct certificate that may issue: anchors first, then intermediates. */
  pool: CertData[];
  certs: Map<CertData, Certificate>;
  signatures: number;
  candidates: number;
  names: Budget;
  best: { depth: number; problem: Problem } | undefined;
}

function fail(problem: Problem): never {
  throw new CertificateError(problem.code, problem.message);
}

function record(state: State, depth: number, problem: Problem): void {
  if (!state.best || depth > state.best.depth) state.best = { depth, problem };
}

function validityProblem(d: CertData, role: Role, at: number): Problem | undefined {
  if (at < d.notBefore) {
    return {
      code: 'ERR_CERT_NOT_YET_VALID',
      message: `${describe(d, role)}: not valid before ${new Date(d.notBefore * 1000).toISOString()}`,
    };
  }
  if (at > d.notAfter) {
    return {
      code: 'ERR_CERT_EXPIRED',
      message: `${describe(d, role)}: expired at ${new Date(d.notAfter * 1000).toISOString()}`,
    };
  }
  return undefined;
}

function ekuProblem(d: CertData, role: Role, o: Normalized): Problem | undefined {
  const eku = d.ext.extKeyUsage;
  if (!eku || o.purposeOid === undefined) return undefined;
  if (eku.includes(o.purposeOid)) return undefined;
  // RFC 5280 §4.2.1.12: anyExtendedKeyUsage; CABF BR 7.1.2.7.10 forbids it in web leaves.
  if (eku.includes(EKU.any) && (role !== 'leaf' || o.profile === 'rfc5280')) return undefined;
  return {
    code: 'ERR_CERT_EKU',
    message: `${describe(d, role)}: extended key usage does not allow ${o.purposeOid}`,
  };
}

function nameProblem(d: CertData, o: Normalized): Problem | undefined {
  const san = d.ext.subjectAltName ?? [];
  const wanted: string[] = [];
  const ipMatch = (bytes: Uint8Array) =>
    san.some((n) => n.form === FORM.ip && n.valid && sameBytes(n.bytes!, bytes));
  if (o.hostname) {
    const h = o.hostname;
    const ok = h.ip
      ? ipMatch(h.ip)
      : h.dns !== undefined &&
        san.some((n) => n.form === FORM.dns && n.valid && dnsMatches(n.text, h.dns!));
    if (!ok) wanted.push(`host name "${h.text.slice(0, 253)}"`);
  }
  if (o.ip && !ipMatch(o.ip.bytes)) wanted.push(`IP address ${o.ip.text}`);
  if (wanted.length === 0) return undefined;
  return {
    code: 'ERR_CERT_NAME_MISMATCH',
    message: `${describe(d, 'leaf')}: not valid for ${wanted.join(' and ')} (subjectAltName: ${
      san
        .filter((n) => n.form === FORM.dns || n.form === FORM.ip)
        .slice(0, 8)
        .map((n) => n.text)
        .join(', ') || 'none'
    })`,
  };
}

function leafProblem(d: CertData, o: Normalized): Problem | undefined {
  const problem =
    profileProblem(d, 'leaf', o.profile, o.server) ??
    validityProblem(d, 'leaf', o.at) ??
    ekuProblem(d, 'leaf', o);
  if (problem) return problem;
  const ku = d.ext.keyUsage;
  if (ku !== undefined && (ku & o.keyUsageMask) !== o.keyUsageMask) {
    return {
      code: 'ERR_CERT_KEY_USAGE',
      message: `${describe(d, 'leaf')}: key usage does not allow the requested use`,
    };
  }
  return nameProblem(d, o);
}

const pinCache = new WeakMap<CertData, Uint8Array>();

function pinProblem(path: readonly CertData[], pins: readonly Uint8Array[]): Problem | undefined {
  for (const d of path) {
    let h = pinCache.get(d);
    if (!h) {
      h = digest('SHA-256', d.spki);
      pinCache.set(d, h);
    }
    for (const p of pins) if (equalBytes(h, p)) return undefined;
  }
  return {
    code: 'ERR_CERT_PIN_MISMATCH',
    message: 'no certificate of the path matches a pinned public key',
  };
}

const selfSigned = new WeakMap<CertData, boolean>();

/**
 * RFC 5280 §4.2.1.1: authorityKeyIdentifier with keyIdentifier MUST be present, except in
 * a self-signed certificate (one whose signature verifies with its own key).
 */
async function akiProblem(state: State, d: CertData, role: Role): Promise<Problem | undefined> {
  if (d.ext.authorityKeyId?.keyId || d.selfIssued) return undefined;
  let ok = selfSigned.get(d);
  if (ok === undefined) {
    chargeSignature(state);
    const v = verifySignature(d.sigAlg, d.key, d.tbs, d.signature);
    ok = v instanceof Promise ? await v : v;
    selfSigned.set(d, ok);
  }
  if (ok) return undefined;
  return {
    code: 'ERR_CERT_POLICY',
    message: `${describe(d, role)}: no authority key identifier (keyIdentifier)`,
  };
}

function chargeSignature(state: State): void {
  if (++state.signatures > state.o.maxSignatureChecks) {
    fail({
      code: 'ERR_CERT_UNKNOWN_ISSUER',
      message: `path building stopped after ${state.o.maxSignatureChecks} signature checks (limits.maxSignatureChecks)`,
    });
  }
}

/** Checks a complete path (leaf first, anchor last): name constraints, pins, revocation. */
async function pathProblem(state: State, path: readonly CertData[]): Promise<Problem | undefined> {
  const nc = checkNameConstraints(path, state.names);
  if (nc) {
    if (state.names.remaining < 0) fail(nc);
    return nc;
  }
  if (state.o.pins) {
    const p = pinProblem(path, state.o.pins);
    if (p) return p;
  }
  if (state.o.crls.length > 0) {
    for (let j = 0; j < path.length - 1; j++) {
      const p = await revocationProblem(
        path[j]!,
        path[j + 1]!,
        j === 0,
        state.o.crls,
        state.o.at,
        () => chargeSignature(state),
      );
      if (p) return p;
    }
  }
  return undefined;
}

/** Why `cand` cannot issue the last certificate of `path`, short of its signature. */
function issuerProblem(
  state: State,
  cand: CertData,
  isAnchor: boolean,
  path: readonly CertData[],
): Problem | undefined {
  const o = state.o;
  const role: Role = isAnchor ? 'anchor' : 'ca';
  const problem =
    profileProblem(cand, role, o.profile, o.server) ??
    validityProblem(cand, role, o.at) ??
    ekuProblem(cand, role, o);
  if (problem) return problem;
  // Intermediates below the candidate (the leaf is not one, RFC 5280 §4.2.1.9).
  let below = 0;
  for (let i = 1; i < path.length; i++) if (!path[i]!.selfIssued) below++;
  const pathLength = cand.ext.basicConstraints?.pathLength;
  if (pathLength !== undefined && below > pathLength) {
    return {
      code: 'ERR_CERT_PATH_TOO_LONG',
      message: `${describe(cand, role)}: pathLenConstraint ${pathLength} allows fewer intermediates than follow it`,
    };
  }
  if (!isAnchor) {
    const counted = below + (cand.selfIssued ? 0 : 1);
    if (counted > o.maxDepth || path.length > 2 * o.maxDepth + 1) {
      return {
        code: 'ERR_CERT_PATH_TOO_LONG',
        message: `the path needs more than maxDepth (${o.maxDepth}) intermediates`,
      };
    }
  }
  return undefined;
}

async function extend(state: State, path: CertData[]): Promise<CertData[] | undefined> {
  const child = path[path.length - 1]!;
  const depth = path.length;
  const aki = child.ext.authorityKeyId?.keyId;
  let matched = false;
  for (const cand of state.pool) {
    if (!sameBytes(cand.subject.der, child.issuer.der)) continue;
    // RFC 4158 §3.5.12: an AKI that names another key rules the candidate out.
    if (aki && cand.ext.subjectKeyId && !sameBytes(aki, cand.ext.subjectKeyId)) continue;
    if (path.includes(cand)) continue;
    matched = true;
    if (++state.candidates > state.o.maxCandidates) {
      fail({
        code: 'ERR_CERT_UNKNOWN_ISSUER',
        message: `path building stopped after ${state.o.maxCandidates} candidate issuers (limits.maxCandidates)`,
      });
    }
    const isAnchor = state.anchors.has(cand);
    const problem =
      issuerProblem(state, cand, isAnchor, path) ??
      (await akiProblem(state, cand, isAnchor ? 'anchor' : 'ca'));
    if (problem) {
      record(state, depth, problem);
      continue;
    }
    if (child.sigAlg.kind === 'unsupported') {
      record(state, depth, {
        code: 'ERR_CERT_BAD_SIGNATURE',
        message: `${describe(child, depth === 1 ? 'leaf' : 'ca')}: signature algorithm ${child.sigAlg.name} is not accepted`,
      });
      continue;
    }
    chargeSignature(state);
    let ok = verifySignature(child.sigAlg, cand.key, child.tbs, child.signature);
    if (ok instanceof Promise) ok = await ok;
    if (!ok) {
      record(state, depth, {
        code: 'ERR_CERT_BAD_SIGNATURE',
        message: `${describe(child, depth === 1 ? 'leaf' : 'ca')}: signature does not verify with the key of ${describe(cand, isAnchor ? 'anchor' : 'ca')}`,
      });
      continue;
    }
    path.push(cand);
    if (isAnchor) {
      const p = await pathProblem(state, path);
      if (!p) return path;
      record(state, depth + 1, p);
    } else {
      const found = await extend(state, path);
      if (found) return found;
    }
    path.pop();
  }
  if (!matched) {
    record(state, depth, {
      code: 'ERR_CERT_UNKNOWN_ISSUER',
      message: `${describe(child, depth === 1 ? 'leaf' : 'ca')}: no trusted issuer "${child.issuer.name.text.slice(0, 120)}" found`,
    });
  }
  return undefined;
}

/**
 * Validates a certificate chain: builds a path from `leaf` through `intermediates` (any
 * order, extra or unrelated certificates allowed) to one of `roots`, and checks it per RFC
 * 5280 §6 with the CA/B Forum web profile by default: signatures (ECDSA P-256/384/521,
 * Ed25519, RSA PKCS #1 v1.5 and PSS, 2048 bits or more), validity at `at`, basic
 * constraints and path length, key usage, extended key usage for `purpose`, name
 * constraints, critical extensions, host name (RFC 6125) or IP, CRLs and SPKI pins.
 *
 * @param options - see {@link VerifyChainOptions}
 * @returns the validated chain, leaf first and trust anchor last
 * @throws {@link cachet!CertificateError} naming the first reason: ERR_CERT_EXPIRED, ERR_CERT_NOT_YET_VALID,
 *   ERR_CERT_UNKNOWN_ISSUER, ERR_CERT_NOT_A_CA, ERR_CERT_PATH_TOO_LONG, ERR_CERT_BAD_SIGNATURE,
 *   ERR_CERT_NAME_MISMATCH, ERR_CERT_NAME_CONSTRAINTS, ERR_CERT_EKU, ERR_CERT_KEY_USAGE,
 *   ERR_CERT_REVOKED, ERR_CERT_PIN_MISMATCH, ERR_CERT_UNHANDLED_CRITICAL_EXTENSION,
 *   ERR_CERT_POLICY, ERR_CERT_MALFORMED
 * @throws {@link cachet!InvalidInputError} ERR_INVALID_ARGUMENT for bad options, ERR_LIMIT_EXCEEDED over a limit
 * @example
 * ```ts
 * import { createTestPki, verifyChain } from 'cachet/x509';
 * const pki = await createTestPki({ leaf: { dnsNames: ['api.example.com'] } });
 * const { chain } = await verifyChain({
 *   leaf: pki.leaf,
 *   intermediates: [pki.intermediate],
 *   roots: [pki.root],
 *   hostname: 'api.example.com',
 * });
 * console.log(chain.length); // 3
 * ```
 */
export async function verifyChain(options: VerifyChainOptions): Promise<VerifiedChain> {
  const o = normalize(options);
  const leaf = certData(o.leaf);
  const leafIssue = leafProblem(leaf, o);
  if (leafIssue) fail(leafIssue);

  const certs = new Map<CertData, Certificate>();
  const anchors = new Set<CertData>();
  const pool: CertData[] = [];
  const seen = new Map<string, CertData>();
  const add = (c: Certificate, anchor: boolean) => {
    const d = certData(c);
    // Duplicates (the same DER twice, or a root also sent as an intermediate) collapse to one.
    const key = `${d.der.length}:${hexEncode(d.signature.subarray(-16))}`;
    const prior = seen.get(key);
    if (prior && sameBytes(prior.der, d.der)) return;
    seen.set(key, d);
    certs.set(d, c);
    if (anchor) anchors.add(d);
    pool.push(d);
  };
  for (const r of o.roots) add(r, true);
  for (const i of o.intermediates) add(i, false);

  const state: State = {
    o,
    anchors,
    pool,
    certs,
    signatures: 0,
    candidates: 0,
    names: { remaining: o.maxNameChecks },
    best: undefined,
  };
  const leafAki = await akiProblem(state, leaf, 'leaf');
  if (leafAki) fail(leafAki);
  // A leaf that is itself trusted (a pinned self-signed certificate) is a path of one.
  const trustedLeaf = pool.find((d) => anchors.has(d) && sameBytes(d.der, leaf.der));
  if (trustedLeaf) {
    const p = await pathProblem(state, [trustedLeaf]);
    if (p) fail(p);
    return { chain: [o.leaf] };
  }
  const path = await extend(state, [leaf]);
  if (!path) {
    fail(
      state.best?.problem ?? {
        code: 'ERR_CERT_UNKNOWN_ISSUER',
        message: `${describe(leaf, 'leaf')}: no path to a trusted root`,
      },
    );
  }
  return { chain: path.map((d, i) => (i === 0 ? o.leaf : certs.get(d)!)) };
}
