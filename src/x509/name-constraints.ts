/**
 * Name constraints (RFC 5280 §4.2.1.10, §6.1.3 (b)–(c), §6.1.4 (g)): each CA's permitted
 * and excluded subtrees apply to every later certificate in the path except self-issued
 * intermediates. Supported forms: dNSName, iPAddress, rfc822Name, URI and directoryName;
 * a constraint on any other form rejects every name of that form (RFC 5280 allows
 * "process or reject"). Invalid names under a constraint of their form are violations, and
 * a `*.` SAN is judged by every name it could match (CVE-2025-61727). The comparisons are
 * counted against a budget so that crafted certificates cannot make the check quadratic.
 */
import type { CertificateErrorCode } from '../errors.js';
import { asciiLower, isEmail } from './dns.js';
import type { Subtree } from './extensions.js';
import { FORM, type GName } from './general-name.js';
import { EMAIL_ADDRESS } from './oids.js';
import type { CertData } from './parse.js';
import { describe, type Problem } from './profile.js';

/** A mutable comparison budget shared across one validation. */
export interface Budget {
  remaining: number;
}

// Names and bases arrive ASCII-lowercased (GName.lower), so comparisons are plain string ones.
function inDnsSubtree(name: string, base: string): boolean {
  if (base === '') return true;
  return (
    name === base ||
    (name.length > base.length &&
      name.endsWith(base) &&
      name[name.length - base.length - 1] === '.')
  );
}

function dnsPermitted(name: string, base: string): boolean {
  // `*.B` stands for every one-label child of B: all inside the subtree iff B is.
  return inDnsSubtree(name.startsWith('*.') ? name.slice(2) : name, base);
}

function dnsExcluded(name: string, base: string): boolean {
  if (!name.startsWith('*.')) return inDnsSubtree(name, base);
  const parent = name.slice(2);
  if (inDnsSubtree(parent, base)) return true;
  // Some child x.B is excluded iff the base is itself exactly one label below B.
  const dot = base.indexOf('.');
  return dot > 0 && base.slice(dot + 1) === parent;
}

function ipMatches(address: Uint8Array, constraint: Uint8Array): boolean {
  const half = constraint.length / 2;
  if (address.length !== half) return false;
  for (let i = 0; i < half; i++) {
    const mask = constraint[half + i]!;
    if ((address[i]! & mask) !== (constraint[i]! & mask)) return false;
  }
  return true;
}

// Local parts compare exactly, domains case-insensitively (RFC 5280 §7.5).
function emailMatches(name: GName, base: GName): boolean {
  const at = name.text.lastIndexOf('@');
  const domain = name.lower!.slice(at + 1);
  if (base.text.includes('@')) {
    const bAt = base.text.lastIndexOf('@');
    return (
      name.text.slice(0, at) === base.text.slice(0, bAt) && domain === base.lower!.slice(bAt + 1)
    );
  }
  return base.lower!.startsWith('.') ? domain.endsWith(base.lower!) : domain === base.lower;
}

/** The host of a URI with an authority (RFC 3986 §3.2.2), or undefined. */
function uriHost(uri: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^:/?#[\]]+)(?::\d*)?(?:[/?#]|$)/.exec(uri);
  return m?.[1];
}

function uriMatches(name: GName, base: GName): boolean {
  const host = uriHost(name.lower!);
  if (host === undefined) return false;
  const b = base.lower!;
  return b.startsWith('.') ? host.endsWith(b) : host === b;
}

function dnMatches(name: GName, base: GName): boolean {
  const rdns = name.dn!.rdnDer;
  const prefix = base.dn!.rdnDer;
  if (prefix.length > rdns.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    const a = rdns[i]!;
    const b = prefix[i]!;
    if (a.length !== b.length) return false;
    for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  }
  return true;
}

function matches(name: GName, base: GName, excluded: boolean): boolean {
  switch (name.form) {
    case FORM.dns:
      return excluded
        ? dnsExcluded(name.lower!, base.lower!)
        : dnsPermitted(name.lower!, base.lower!);
    case FORM.ip:
      return ipMatches(name.bytes!, base.bytes!);
    case FORM.email:
      return emailMatches(name, base);
    case FORM.uri:
      return uriMatches(name, base);
    case FORM.dn:
      return dnMatches(name, base);
    default:
      return false;
  }
}

const PROCESSED: ReadonlySet<number> = new Set([FORM.dns, FORM.ip, FORM.email, FORM.uri, FORM.dn]);

/** The names of a certificate that name constraints apply to. */
function namesOf(d: CertData): GName[] {
  const names: GName[] = [...(d.ext.subjectAltName ?? [])];
  if (d.subject.name.rdns.length > 0) {
    names.push({ form: FORM.dn, text: d.subject.name.text, dn: d.subject, valid: true });
  }
  // RFC 5280 §4.2.1.10: without a SAN, rfc822Name constraints apply to emailAddress attributes.
  if (!d.ext.subjectAltName) {
    for (const rdn of d.subject.name.rdns) {
      for (const a of rdn) {
        if (a.oid === EMAIL_ADDRESS) {
          names.push({
            form: FORM.email,
            text: a.value,
            lower: asciiLower(a.value),
            valid: isEmail(a.value),
          });
        }
      }
    }
  }
  return names;
}

function violation(code: CertificateErrorCode, message: string): Problem {
  return { code, message };
}

/**
 * Checks a complete path (leaf first, trust anchor last) against every name constraint in it.
 * Returns the first violation, or undefined.
 */
export function checkNameConstraints(
  path: readonly CertData[],
  budget: Budget,
): Problem | undefined {
  for (let i = 1; i < path.length; i++) {
    const nc = path[i]!.ext.nameConstraints;
    if (!nc) continue;
    const ca = describe(path[i]!, i === path.length - 1 ? 'anchor' : 'ca');
    for (const s of [...nc.permitted, ...nc.excluded]) {
      if (!s.base.valid) {
        return violation(
          'ERR_CERT_NAME_CONSTRAINTS',
          `${ca}: invalid name constraint "${s.base.text.slice(0, 64)}"`,
        );
      }
    }
    for (let j = i - 1; j >= 0; j--) {
      const d = path[j]!;
      // RFC 5280 §6.1.4 (b): self-issued intermediates are exempt; the leaf never is.
      if (j > 0 && d.selfIssued) continue;
      const problem = checkNames(namesOf(d), nc.permitted, nc.excluded, budget);
      if (problem) {
        return violation(
          'ERR_CERT_NAME_CONSTRAINTS',
          `${describe(d, j === 0 ? 'leaf' : 'ca')}: ${problem} (constraint of ${ca})`,
        );
      }
    }
  }
  return undefined;
}

function checkNames(
  names: readonly GName[],
  permitted: readonly Subtree[],
  excluded: readonly Subtree[],
  budget: Budget,
): string | undefined {
  for (const name of names) {
    let constrained = false;
    let permittedSeen = false;
    let permittedHit = false;
    for (const s of permitted) {
      if (s.base.form !== name.form) continue;
      constrained = permittedSeen = true;
      if (--budget.remaining < 0)
        return 'too many name constraint comparisons (limits.maxNameChecks)';
      if (name.valid && PROCESSED.has(name.form) && matches(name, s.base, false)) {
        permittedHit = true;
        break;
      }
    }
    for (const s of excluded) {
      if (s.base.form !== name.form) continue;
      constrained = true;
      if (--budget.remaining < 0)
        return 'too many name constraint comparisons (limits.maxNameChecks)';
      if (name.valid && PROCESSED.has(name.form) && matches(name, s.base, true)) {
        return `name "${name.text.slice(0, 64)}" is excluded`;
      }
    }
    if (!constrained) continue;
    if (!PROCESSED.has(name.form)) return 'a name of a constrained form cachet cannot check';
    if (!name.valid) return `name "${name.text.slice(0, 64)}" is not valid under a name constraint`;
    if (permittedSeen && !permittedHit) return `name "${name.text.slice(0, 64)}" is not permitted`;
  }
  return undefined;
}
