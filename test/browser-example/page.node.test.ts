// The example page (examples/browser), built by Vite from the published package (dist/,
// built by the global setup) and driven in Debian's Chromium with Playwright, through its
// accessible labels and button names as a user (or a screen reader) finds them:
// - a file chosen with <input type=file> is encrypted in the page for a public keyring
//   made here in Node; the downloaded envelope opens in Node with the private keyring, and
//   not with another; the page's own decryption demo refuses the wrong key and accepts the
//   right one; a keyring the page generated decrypts here too;
// - Standard Webhooks signed here (HMAC by the official `standardwebhooks` library, Ed25519
//   v1a by cachet: no peer signs v1a) verify in the page; tampered payloads, wrong secrets,
//   stale timestamps and missing headers are refused with their error codes;
// - a certificate from createTestPki is inspected (fields checked against node:crypto's
//   X509Certificate) and its chain validated for a host name, and refused for the wrong
//   name, an unknown root, a missing intermediate and an expired leaf.
// It also checks the bundle (cachet resolved to dist/ through "exports", no X.509 builders
// or @peculiar/x509, no other module), that the page made no request beyond its own files,
// logged no error (a CSP violation would be one), and renders a non-empty screenshot
// (saved to test/browser-example/.screenshots/, gitignored).
import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Download, Locator, Page } from 'playwright';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExamplePage, exampleRoot, openExamplePage, repoRoot } from './harness.js';

const dist = (path: string) => pathToFileURL(resolve(repoRoot, 'dist', path)).href;
const { Keyring } = (await import(
  dist('keys/index.js')
)) as typeof import('../../src/keys/index.js');
const { open } = (await import(
  dist('envelope/index.js')
)) as typeof import('../../src/envelope/index.js');
const { generateWebhookKeyPair, signWebhook } = (await import(
  dist('webhooks/index.js')
)) as typeof import('../../src/webhooks/index.js');
const { createTestPki } = (await import(
  dist('x509/index.js')
)) as typeof import('../../src/x509/index.js');
const { CachetError } = (await import(dist('index.js'))) as typeof import('../../src/index.js');

let example: ExamplePage;
let page: Page;

beforeAll(async () => {
  example = await openExamplePage();
  page = example.page;
});
afterAll(async () => {
  await example?.close();
});

/** Waits for an <output> to show a verdict; returns its state, error code and text. */
async function verdict(
  output: Locator,
): Promise<{ state: string; code: string | null; text: string }> {
  await output.and(page.locator('[data-state]')).waitFor();
  const code = output.locator('[data-code]');
  return {
    state: (await output.getAttribute('data-state'))!,
    code: (await code.count()) ? await code.textContent() : null,
    text: (await output.textContent())!,
  };
}

async function download(link: Locator): Promise<{ bytes: Uint8Array; name: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return { bytes: await bytesOf(file), name: file.suggestedFilename() };
}

async function bytesOf(file: Download): Promise<Uint8Array> {
  return new Uint8Array(readFileSync((await file.path())!));
}

function button(name: string): Locator {
  return page.getByRole('button', { name, exact: true });
}

describe('the build', () => {
  it('resolves cachet to the built package through "exports" and bundles only what the page uses', () => {
    const ids = example.chunks.flatMap((c) => c.moduleIds);
    const fromDist = ids.filter((id) => id.startsWith(resolve(repoRoot, 'dist')));
    for (const entry of [
      'keys/index.js',
      'envelope/index.js',
      'webhooks/index.js',
      'x509/index.js',
    ]) {
      expect(fromDist).toContain(resolve(repoRoot, 'dist', entry));
    }
    // Nothing from the sources: the page is built against the package as published.
    expect(ids.filter((id) => id.startsWith(resolve(repoRoot, 'src')))).toEqual([]);
    // Only the page's own code and cachet's runtime dependencies.
    const foreign = ids.filter(
      (id) =>
        !id.startsWith(resolve(repoRoot, 'dist')) &&
        !id.startsWith(exampleRoot) &&
        !/node_modules\/@noble\/(hashes|ciphers|curves)\//.test(id) &&
        !/node_modules\/@scure\/base\//.test(id) &&
        !/vite\/(preload-helper|modulepreload-polyfill)/.test(id),
    );
    expect(foreign).toEqual([]);
    // No X.509 builders (@peculiar/x509 and its Reflect polyfill), no other sub-path.
    expect(
      ids.filter((id) =>
        /@peculiar|reflect-metadata|tsyringe|pkcs11js|structured-headers/.test(id),
      ),
    ).toEqual([]);
    expect(fromDist.filter((id) => /dist\/(aead|fields|sign|http|cli)\//.test(id))).toEqual([]);
    // cachet/webhooks' on-demand Ed25519 module stays a dynamic chunk of its own.
    const lazy = example.chunks.filter((c) => c.isDynamicEntry);
    expect(
      lazy.flatMap((c) => c.moduleIds).some((id) => /dist\/ed25519-[\w-]+\.js$/.test(id)),
    ).toBe(true);
  });
});

describe('encrypt a file for a public key (cachet/envelope)', () => {
  const original = randomBytes(200_000); // several 64 KiB chunks
  const server = Keyring.generate('X25519');
  let envelope: Uint8Array;

  it('encrypts the chosen file for the pasted public keyring and offers the envelope', async () => {
    await page
      .getByLabel("Server's public keyring (JSON)")
      .fill(JSON.stringify(server.publicKeyring()));
    await page.getByLabel('File to encrypt').setInputFiles({
      name: 'report.bin',
      mimeType: 'application/octet-stream',
      buffer: original,
    });
    await button('Encrypt').click();
    const result = await verdict(page.locator('#encrypt-result'));
    expect(result.state, result.text).toBe('valid');
    expect(result.text).toContain(`report.bin (200000 bytes)`);
    expect(result.text).toContain(server.primary.id);

    const file = await download(page.getByRole('link', { name: 'Download the envelope' }));
    expect(file.name).toBe('report.bin.cachet');
    envelope = file.bytes;
    expect(new TextDecoder().decode(envelope.subarray(0, 4))).toBe('CENV'); // docs/formats.md
    expect(envelope.length).toBeGreaterThan(original.length);
  });

  it('the downloaded envelope opens in Node with the private keyring, and with no other', async () => {
    expect(Buffer.from(await open(envelope, { recipient: server }))).toEqual(original);
    const stranger = Keyring.generate('X25519');
    const refused = await open(envelope, { recipient: stranger }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CachetError);
    const flipped = envelope.slice();
    flipped[flipped.length - 100]! ^= 1;
    const tampered = await open(flipped, { recipient: server }).catch((e: unknown) => e);
    expect((tampered as InstanceType<typeof CachetError>).code).toBe('ERR_AUTH_FAILED');
  });

  it("the page's decryption demo refuses the wrong private key, then decrypts with the right one", async () => {
    // The private field still holds the page's own demo key, not the one encrypted for.
    await button('Decrypt the envelope').click();
    const wrong = await verdict(page.locator('#decrypt-result'));
    expect(wrong.state, wrong.text).toBe('invalid');
    expect(wrong.code).toMatch(/^ERR_/);

    await page
      .getByLabel("Server's private keyring (secret JSON)")
      .fill(JSON.stringify(server.toSecretJSON()));
    await button('Decrypt the envelope').click();
    const right = await verdict(page.locator('#decrypt-result'));
    expect(right.state, right.text).toBe('valid');
    expect(right.text).toContain('200000 bytes, identical to report.bin');
    expect(right.text).toContain(createHash('sha256').update(original).digest('hex'));
    const file = await download(page.getByRole('link', { name: 'Download the decrypted file' }));
    expect(file.name).toBe('report.bin');
    expect(Buffer.from(file.bytes)).toEqual(original);
  });

  it('a key pair generated in the page works end to end, and Node decrypts with it', async () => {
    await button('New demo server key pair').click();
    const secretJson = await page.getByLabel("Server's private keyring (secret JSON)").inputValue();
    const publicJson = await page.getByLabel("Server's public keyring (JSON)").inputValue();
    expect(publicJson).not.toContain('"d"'); // the public form carries no private material
    const pageServer = Keyring.fromJSON(secretJson);
    expect(Keyring.fromJSON(publicJson).primary.id).toBe(pageServer.primary.id);

    const small = new TextEncoder().encode('héllo from the browser\n');
    await page
      .getByLabel('File to encrypt')
      .setInputFiles({ name: 'note.txt', mimeType: 'text/plain', buffer: Buffer.from(small) });
    await button('Encrypt').click();
    expect((await verdict(page.locator('#encrypt-result'))).state).toBe('valid');
    const file = await download(page.getByRole('link', { name: 'Download the envelope' }));
    expect(await open(file.bytes, { recipient: pageServer })).toEqual(small);
    await button('Decrypt the envelope').click();
    const back = await verdict(page.locator('#decrypt-result'));
    expect(back.text).toContain(`${small.length} bytes, identical to note.txt`);
  });

  it('refuses a malformed keyring with its error code, and asks for a file when none is chosen', async () => {
    await page.getByLabel("Server's public keyring (JSON)").fill('{"keys": "nope"}');
    await button('Encrypt').click();
    const bad = await verdict(page.locator('#encrypt-result'));
    expect(bad.state).toBe('invalid');
    expect(bad.code).toBe('ERR_INVALID_FORMAT');

    await page.getByLabel('File to encrypt').setInputFiles([]);
    await button('Encrypt').click();
    const none = await verdict(page.locator('#encrypt-result'));
    expect(none.state).toBe('error');
    expect(none.text).toContain('choose a file');
  });
});

describe('verify a webhook (cachet/webhooks)', () => {
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const payload = JSON.stringify({ type: 'invoice.paid', data: { id: 'in_1', note: 'naïve € ✓' } });

  async function fillWebhook(fields: {
    secret: string;
    headers: string;
    payload: string;
    scheme?: string;
  }) {
    await page.getByLabel('Scheme', { exact: true }).selectOption(fields.scheme ?? 'standard');
    await page.getByLabel('Secret', { exact: true }).fill(fields.secret);
    await page.getByLabel('Headers', { exact: true }).fill(fields.headers);
    await page.getByLabel('Payload (the raw body, exactly as received)').fill(fields.payload);
    await button('Verify').click();
    return verdict(page.locator('#webhook-verdict'));
  }

  /** Headers signed by the official standardwebhooks library, as `name: value` lines. */
  function officialHeaders(id: string, at: Date, body = payload, key = secret): string {
    const signature = new Webhook(key).sign(id, at, body);
    return `webhook-id: ${id}\nwebhook-timestamp: ${Math.floor(at.getTime() / 1000)}\nwebhook-signature: ${signature}`;
  }

  it('accepts a Standard Webhook signed by the official library', async () => {
    const result = await fillWebhook({
      secret,
      headers: officialHeaders('msg_ok', new Date()),
      payload,
    });
    expect(result.state, result.text).toBe('valid');
    expect(result.text).toContain('authentic standard webhook id msg_ok');
  });

  it('accepts the headers as a JSON object too', async () => {
    const at = Math.floor(Date.now() / 1000);
    const headers = JSON.stringify({
      'Webhook-Id': 'msg_json',
      'Webhook-Timestamp': String(at),
      'Webhook-Signature': new Webhook(secret).sign('msg_json', new Date(at * 1000), payload),
    });
    const result = await fillWebhook({ secret, headers, payload });
    expect(result.state, result.text).toBe('valid');
  });

  it('refuses a tampered payload, a wrong secret, a stale timestamp and missing headers, each with its code', async () => {
    const headers = officialHeaders('msg_t', new Date());
    const tampered = await fillWebhook({
      secret,
      headers,
      payload: payload.replace('in_1', 'in_2'),
    });
    expect([tampered.state, tampered.code]).toEqual(['invalid', 'ERR_SIGNATURE_INVALID']);

    const other = `whsec_${randomBytes(32).toString('base64')}`;
    const wrongSecret = await fillWebhook({ secret: other, headers, payload });
    expect([wrongSecret.state, wrongSecret.code]).toEqual(['invalid', 'ERR_SIGNATURE_INVALID']);

    const stale = await fillWebhook({
      secret,
      headers: officialHeaders('msg_old', new Date(Date.now() - 3_600_000)),
      payload,
    });
    expect([stale.state, stale.code]).toEqual(['invalid', 'ERR_TIMESTAMP_TOO_OLD']);

    const missing = await fillWebhook({
      secret,
      headers: 'content-type: application/json',
      payload,
    });
    expect(missing.state).toBe('invalid');
    expect(missing.code).toMatch(/^ERR_(SIGNATURE_MISSING|INVALID_FORMAT)$/);

    const garbled = await fillWebhook({ secret, headers: 'this is not a header line', payload });
    expect(garbled.state).toBe('error');
  });

  it('verifies Ed25519 (v1a) after loading the curve code on demand, and refuses a forged one', async () => {
    const pair = generateWebhookKeyPair();
    const signed = signWebhook({ id: 'msg_ed', payload }, pair.secretKey);
    expect(signed['webhook-signature']).toMatch(/^v1a,/);
    const lines = Object.entries(signed)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\n');
    const ok = await fillWebhook({ secret: pair.publicKey, headers: lines, payload });
    expect(ok.state, ok.text).toBe('valid');
    const forged = await fillWebhook({
      secret: generateWebhookKeyPair().publicKey,
      headers: lines,
      payload,
    });
    expect([forged.state, forged.code]).toEqual(['invalid', 'ERR_SIGNATURE_INVALID']);
  });

  it('the sample button fills in a delivery that verifies', async () => {
    await button('Fill in a freshly signed sample').click();
    await button('Verify').click();
    expect((await verdict(page.locator('#webhook-verdict'))).state).toBe('valid');
  });
});

describe('inspect a certificate and validate its chain (cachet/x509)', () => {
  const host = 'api.example.com';
  let pki: Awaited<ReturnType<typeof createTestPki>>;

  beforeAll(async () => {
    pki = await createTestPki({
      leaf: { dnsNames: [host, 'www.example.com'], ips: ['192.0.2.7'] },
    });
  });

  async function field(name: string): Promise<string> {
    return (await page.locator(`#cert-details [data-field="${name}"]`).textContent())!;
  }

  it('shows subject, issuer, SANs, validity and the SPKI pin, as node:crypto reads them', async () => {
    const pem = pki.leaf.toPem();
    const reference = new X509Certificate(pem);
    await page.getByLabel('Certificate (PEM)').fill(pem);
    await button('Inspect').click();
    const result = await verdict(page.locator('#cert-result'));
    expect(result.state, result.text).toBe('valid');

    expect(await field('subject')).toBe(`CN=${host}`);
    expect(reference.subject).toBe(`CN=${host}`);
    expect(reference.issuer).toContain(
      (await field('issuer')).split(',').find((part) => part.startsWith('CN='))!,
    );
    expect(await field('san-dns')).toBe(`${host}, www.example.com`);
    expect(await field('san-ip')).toBe('192.0.2.7');
    expect(reference.subjectAltName).toBe(`DNS:${host}, DNS:www.example.com, IP Address:192.0.2.7`);
    expect(await field('not-before')).toBe(new Date(reference.validFrom).toISOString());
    expect(await field('not-after')).toBe(new Date(reference.validTo).toISOString());
    expect(await field('status')).toBe('within its validity period');
    const spki = reference.publicKey.export({ type: 'spki', format: 'der' });
    expect(await field('pin')).toBe(`sha256/${createHash('sha256').update(spki).digest('base64')}`);
    expect(await field('fingerprint')).toBe(
      reference.fingerprint256.replaceAll(':', '').toLowerCase(),
    );
    // The same integer (how many leading zero digits each prints is a matter of taste).
    const integer = (hex: string) => BigInt(`0x${hex}`);
    expect(integer(await field('serial'))).toBe(integer(reference.serialNumber));
    expect(await field('key')).toBe('EC P-256');
    expect(await field('ca')).toBe('no');
  });

  async function validate(fields: {
    leaf?: string;
    intermediates: string;
    roots: string;
    hostname: string;
  }) {
    await page.getByLabel('Certificate (PEM)').fill(fields.leaf ?? pki.leaf.toPem());
    await page.getByLabel('Intermediate certificates (PEM, any number)').fill(fields.intermediates);
    await page.getByLabel('Trusted roots (PEM)').fill(fields.roots);
    await page.getByLabel('Host name', { exact: true }).fill(fields.hostname);
    await button('Validate the chain').click();
    return verdict(page.locator('#chain-verdict'));
  }

  it('validates the chain for its host name', async () => {
    const result = await validate({
      intermediates: pki.intermediate.toPem(),
      roots: pki.root.toPem(),
      hostname: host,
    });
    expect(result.state, result.text).toBe('valid');
    expect(result.text).toContain(`for ${host}`);
    expect(result.text).toContain(
      `CN=${host} → ${pki.intermediate.subject.text} → ${pki.root.subject.text}`,
    );
  });

  it('refuses the wrong host name, an unknown root, a missing intermediate and an expired leaf', async () => {
    const chain = { intermediates: pki.intermediate.toPem(), roots: pki.root.toPem() };
    const name = await validate({ ...chain, hostname: 'evil.example.com' });
    expect([name.state, name.code]).toEqual(['invalid', 'ERR_CERT_NAME_MISMATCH']);

    const other = await createTestPki();
    const root = await validate({ ...chain, roots: other.root.toPem(), hostname: host });
    expect([root.state, root.code]).toEqual(['invalid', 'ERR_CERT_UNKNOWN_ISSUER']);

    const gap = await validate({ intermediates: '', roots: pki.root.toPem(), hostname: host });
    expect([gap.state, gap.code]).toEqual(['invalid', 'ERR_CERT_UNKNOWN_ISSUER']);

    const old = await createTestPki({
      leaf: {
        dnsNames: [host],
        notBefore: new Date(Date.now() - 30 * 86_400_000),
        notAfter: new Date(Date.now() - 86_400_000),
      },
    });
    const expired = await validate({
      leaf: old.leaf.toPem(),
      intermediates: old.intermediate.toPem(),
      roots: old.root.toPem(),
      hostname: host,
    });
    expect([expired.state, expired.code]).toEqual(['invalid', 'ERR_CERT_EXPIRED']);
    await button('Inspect').click();
    await verdict(page.locator('#cert-result'));
    expect(await field('status')).toBe('expired');
  });

  it('refuses text that is not a certificate with ERR_CERT_MALFORMED', async () => {
    const pem = pki.leaf.toPem();
    const broken = pem.replace(/\n[A-Za-z0-9+/]{20}/, (line) => `\n${'A'.repeat(line.length - 1)}`);
    await page.getByLabel('Certificate (PEM)').fill(broken);
    await button('Inspect').click();
    const result = await verdict(page.locator('#cert-result'));
    expect([result.state, result.code]).toEqual(['invalid', 'ERR_CERT_MALFORMED']);
    expect(await page.locator('#cert-details').isHidden()).toBe(true);
  });
});

describe('the page as a whole', () => {
  it('labels every control', async () => {
    const unlabeled = await page.evaluate(() =>
      [...document.querySelectorAll('input, textarea, select')]
        .filter((c) => (c as HTMLInputElement).labels?.length === 0)
        .map((c) => c.id),
    );
    expect(unlabeled).toEqual([]);
  });

  it('made no request beyond its own files and logged no error', () => {
    const outside = example.requests.filter(
      (u) => !u.startsWith(example.url) && !u.startsWith('blob:'),
    );
    expect(outside).toEqual([]);
    expect(example.errors).toEqual([]);
  });

  it('renders: a full-page screenshot that is a real, non-blank PNG', async () => {
    const png = await page.screenshot({ fullPage: true });
    const dir = resolve(import.meta.dirname, '.screenshots');
    mkdirSync(dir, { recursive: true });
    writeFileSync(resolve(dir, 'example-page.png'), png);
    expect(png.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect(width).toBe(1000);
    expect(height).toBeGreaterThan(900); // the whole page, longer than the viewport
    // A blank page compresses to almost nothing; text, fields and verdicts do not.
    expect(png.length).toBeGreaterThan(50_000);
  });
});
