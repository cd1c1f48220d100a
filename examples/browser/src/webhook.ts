// Verify a webhook signature (cachet/webhooks): payload, headers and secret as pasted; the
// verdict, or the error code of the check that failed. HMAC verification is synchronous;
// Ed25519 (`v1a`, `whpk_` keys) loads its curve code on demand first, so pages that only
// check HMAC never download it.
import {
  generateWebhookSecret,
  preloadEd25519,
  signWebhook,
  verifyWebhook,
  type WebhookScheme,
} from 'cachet/webhooks';
import { byId, clear, onClick, showFailure, showVerdict, UsageError } from './dom.js';

const schemeField = byId('webhook-scheme', HTMLSelectElement);
const secretField = byId('webhook-secret', HTMLInputElement);
const headersField = byId('webhook-headers', HTMLTextAreaElement);
const payloadField = byId('webhook-payload', HTMLTextAreaElement);
const toleranceField = byId('webhook-tolerance', HTMLInputElement);
const verdict = byId('webhook-verdict', HTMLOutputElement);

/** `name: value` lines (a repeated name is joined with ", " as HTTP does), or a JSON object. */
function parseHeaders(text: string): Headers {
  const headers = new Headers();
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let object: unknown;
    try {
      object = JSON.parse(trimmed);
    } catch {
      throw new UsageError('the headers look like JSON but do not parse.');
    }
    if (typeof object !== 'object' || object === null || Array.isArray(object)) {
      throw new UsageError('the headers JSON must be an object of name → value.');
    }
    for (const [name, value] of Object.entries(object)) headers.append(name, String(value));
    return headers;
  }
  trimmed.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new UsageError(`headers line ${index + 1}: expected "name: value".`);
    try {
      headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
    } catch {
      throw new UsageError(`headers line ${index + 1}: not a valid header name or value.`);
    }
  });
  return headers;
}

async function verify(): Promise<void> {
  clear(verdict);
  try {
    const secrets = secretField.value.trim().split(/\s+/).filter(Boolean);
    if (secrets.length === 0) throw new UsageError('paste the secret first.');
    if (secrets.some((s) => s.startsWith('whpk_') || s.startsWith('whsk_'))) {
      await preloadEd25519(); // Ed25519 without node:crypto: load the curve code once
    }
    const tolerance = toleranceField.valueAsNumber;
    const result = verifyWebhook(
      payloadField.value,
      parseHeaders(headersField.value),
      secrets.length === 1 ? secrets[0]! : secrets,
      {
        scheme: schemeField.value as WebhookScheme,
        ...(Number.isFinite(tolerance) ? { tolerance } : {}),
      },
    );
    const when =
      result.timestamp === undefined
        ? ''
        : `, signed ${new Date(result.timestamp * 1000).toISOString()}`;
    const id = result.id === undefined ? '' : ` id ${result.id}`;
    showVerdict(verdict, 'Valid:', `authentic ${result.scheme} webhook${id}${when}.`);
  } catch (error) {
    showFailure(verdict, 'Rejected:', error);
  }
}

/** Fills the form with a Standard Webhook signed just now under a fresh secret. */
function fillSample(): void {
  const secret = generateWebhookSecret();
  const payload = JSON.stringify({ type: 'invoice.paid', data: { id: 'in_1', amount: 4200 } });
  const headers = signWebhook({ payload }, secret);
  schemeField.value = 'standard';
  secretField.value = secret;
  payloadField.value = payload;
  headersField.value = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
  clear(verdict);
}

/** Wires the section's controls. */
export function setUpWebhook(): void {
  onClick(byId('webhook-verify', HTMLButtonElement), verify);
  onClick(byId('webhook-sample', HTMLButtonElement), fillSample);
}
