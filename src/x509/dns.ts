/**
 * DNS names in certificates and host name matching (RFC 6125 §6.4, RFC 9525 §6.3):
 * subjectAltName dNSName only (never the common name), ASCII case-insensitive, a wildcard
 * only as the whole left-most label, matching exactly one label, and never directly above
 * a single-label suffix (`*.com`); internationalized names compare as A-labels.
 */

// RFC 1034 §3.5 preferred name syntax as relaxed by RFC 1123 §2.1 (a label may start with a digit).
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

/** True for a syntactically valid DNS name (optionally a `*.` wildcard pattern). */
export function isDnsName(text: string, allowWildcard: boolean): boolean {
  let name = text;
  if (allowWildcard && name.startsWith('*.')) {
    name = name.slice(2);
    // `*` alone, or over one label (a TLD), is refused (CABF BR 3.2.2.6 public-suffix rule, approximated).
    if (!name.includes('.')) return false;
  }
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.split('.');
  for (const label of labels) if (!LABEL.test(label)) return false;
  return true;
}

// RFC 5322 §3.2.3 atext, plus dots between atoms (dot-atom). Quoted local parts are not accepted.
const LOCAL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/i;

/** True for a mailbox `local@domain` (RFC 5280 §4.2.1.6 rfc822Name). */
export function isEmail(text: string): boolean {
  const at = text.indexOf('@');
  if (at <= 0 || at !== text.lastIndexOf('@')) return false;
  return LOCAL.test(text.slice(0, at)) && isDnsName(text.slice(at + 1), false);
}

/** ASCII lowercase, leaving other characters alone. */
export function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}

/**
 * A reference host name in the form certificates use: lowercase A-labels, no trailing dot.
 * U-labels are converted with the WHATWG URL parser's IDNA (UTS #46) processing.
 * Returns undefined when the result is not a valid DNS name.
 */
export function normalizeHostname(host: string): string | undefined {
  let h = host.endsWith('.') ? host.slice(0, -1) : host;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the range tests for non-ASCII
  if (/[^\u0000-\u007f]/.test(h)) {
    try {
      h = new URL(`http://${h}/`).hostname;
    } catch {
      return undefined;
    }
  }
  h = asciiLower(h);
  return isDnsName(h, false) ? h : undefined;
}

/** Whether a valid SAN dNSName (possibly `*.` wildcard) matches a normalized host name. */
export function dnsMatches(pattern: string, host: string): boolean {
  const p = asciiLower(pattern);
  if (!p.startsWith('*.')) return p === host;
  const dot = host.indexOf('.');
  return dot > 0 && host.slice(dot + 1) === p.slice(2);
}
