// Inspect a PEM certificate (cachet/x509 parseCertificate) and validate its chain for a
// host name (verifyChain). Only the parser and the validator are imported: the builders
// (createTestPki, issueCertificate...) and the @peculiar/x509 code behind them stay out of
// this page's bundle.
import { type Certificate, parseCertificate, verifyChain } from 'cachet/x509';
import { byId, clear, onClick, showFailure, showVerdict, UsageError } from './dom.js';

const pemField = byId('cert-pem', HTMLTextAreaElement);
const intermediatesField = byId('cert-intermediates', HTMLTextAreaElement);
const rootsField = byId('cert-roots', HTMLTextAreaElement);
const hostnameField = byId('cert-hostname', HTMLInputElement);
const inspectResult = byId('cert-result', HTMLOutputElement);
const details = byId('cert-details', HTMLDListElement);
const chainVerdict = byId('chain-verdict', HTMLOutputElement);

/** The rows shown for a certificate: label, `data-field` name, value. */
function rows(cert: Certificate, now: Date): Array<[string, string, string]> {
  const san = cert.subjectAltNames;
  const key = cert.publicKey;
  const status =
    now < cert.notBefore
      ? 'not yet valid'
      : now > cert.notAfter
        ? 'expired'
        : 'within its validity period';
  const list = (items: readonly string[] | undefined) => (items?.length ? items.join(', ') : '—');
  return [
    ['Subject', 'subject', cert.subject.text],
    ['Issuer', 'issuer', cert.issuer.text],
    ['Serial number', 'serial', cert.serialNumber],
    ['DNS names', 'san-dns', list(san.dns)],
    ['IP addresses', 'san-ip', list(san.ip)],
    ['Email addresses', 'san-email', list(san.email)],
    ['URIs', 'san-uri', list(san.uri)],
    ['Valid from', 'not-before', cert.notBefore.toISOString()],
    ['Valid until', 'not-after', cert.notAfter.toISOString()],
    ['Now', 'status', status],
    [
      'Public key',
      'key',
      [key.algorithm, key.curve, key.bits && `${key.bits} bits`].filter(Boolean).join(' '),
    ],
    ['SPKI pin', 'pin', key.pin],
    ['SHA-256 fingerprint', 'fingerprint', cert.sha256Fingerprint],
    ['Signature algorithm', 'signature', cert.signatureAlgorithm],
    ['Certificate authority', 'ca', cert.isCA ? 'yes' : 'no'],
    ['Extended key usage', 'eku', list(cert.extendedKeyUsage)],
  ];
}

function inspect(): void {
  clear(inspectResult);
  details.hidden = true;
  details.replaceChildren();
  try {
    const cert = parseCertificate(pemField.value);
    for (const [label, field, value] of rows(cert, new Date())) {
      const dt = document.createElement('dt');
      dt.textContent = label;
      const dd = document.createElement('dd');
      dd.dataset['field'] = field;
      dd.textContent = value;
      details.append(dt, dd);
    }
    details.hidden = false;
    showVerdict(inspectResult, 'Parsed:', cert.toString());
  } catch (error) {
    showFailure(inspectResult, 'Not a certificate:', error);
  }
}

async function validate(): Promise<void> {
  clear(chainVerdict);
  try {
    if (rootsField.value.trim() === '') throw new UsageError('paste at least one trusted root.');
    const hostname = hostnameField.value.trim();
    const { chain } = await verifyChain({
      leaf: pemField.value,
      intermediates: intermediatesField.value.trim() === '' ? [] : intermediatesField.value,
      roots: rootsField.value,
      ...(hostname ? { hostname } : {}),
    });
    const path = chain.map((c) => c.subject.text).join(' → ');
    const checked = hostname ? `for ${hostname}` : '(no host name checked)';
    showVerdict(chainVerdict, 'Trusted:', `${checked}: ${path}.`);
  } catch (error) {
    showFailure(chainVerdict, 'Rejected:', error);
  }
}

/** Wires the section's controls. */
export function setUpCertificate(): void {
  onClick(byId('cert-inspect', HTMLButtonElement), inspect);
  onClick(byId('cert-verify', HTMLButtonElement), validate);
}
