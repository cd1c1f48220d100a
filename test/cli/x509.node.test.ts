// cachet x509 test-pki / inspect / verify, driven as a child process; the PKI it writes is
// checked by openssl, and chains openssl builds are checked by the CLI.
import { execFileSync, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCrl, parseCertificate } from '../../src/x509/index.js';
import { cachet, cachetAsync } from '../helpers/cli.js';

let dir: string;
const at = (name: string) => join(dir, name);
const openssl = (...args: string[]) => spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cachet-cli-x509-'));
  const [web, ed] = await Promise.all([
    cachetAsync(['x509', 'test-pki', '-o', 'pki', '--host', 'api.internal', '--ip', '10.0.0.7'], {
      cwd: dir,
    }),
    cachetAsync(
      [
        'x509',
        'test-pki',
        '-o',
        'ed',
        '--alg',
        'Ed25519',
        '--intermediates',
        '2',
        '--eku',
        'clientAuth',
        '--host',
        'worker.internal',
        '--json',
      ],
      { cwd: dir },
    ),
  ]);
  expect(web.code, web.stderr).toBe(0);
  expect(ed.code, ed.stderr).toBe(0);
  expect(JSON.parse(ed.stdout).leaf).toMatchObject({
    subject: 'CN=worker.internal',
    dns: ['worker.internal'],
  });
});

describe('cachet x509 test-pki', () => {
  it('writes a PKI that openssl verifies, with private keys at mode 0600', () => {
    for (const name of ['pki', 'ed']) {
      const r = openssl(
        'verify',
        '-x509_strict',
        '-CAfile',
        `${name}/root.pem`,
        '-untrusted',
        `${name}/intermediates.pem`,
        `${name}/leaf.pem`,
      );
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain(': OK');
      for (const key of ['root.key', 'intermediate.key', 'leaf.key']) {
        expect(statSync(at(`${name}/${key}`)).mode & 0o777).toBe(0o600);
        expect(openssl('pkey', '-in', `${name}/${key}`, '-noout').status).toBe(0);
      }
    }
    expect(
      openssl('x509', '-in', 'pki/leaf.pem', '-noout', '-checkhost', 'api.internal').stdout,
    ).toContain('does match');
    expect(
      openssl('x509', '-in', 'pki/leaf.pem', '-noout', '-checkip', '10.0.0.7').stdout,
    ).toContain('does match');
    expect(
      openssl('x509', '-in', 'pki/leaf.pem', '-noout', '-checkhost', 'localhost').stdout,
    ).toContain('NOT match');
    // openssl's own client-purpose check on the clientAuth-only leaf.
    const client = openssl(
      'verify',
      '-purpose',
      'sslclient',
      '-CAfile',
      'ed/root.pem',
      '-untrusted',
      'ed/intermediates.pem',
      'ed/leaf.pem',
    );
    expect(client.status, client.stderr).toBe(0);
    const server = openssl(
      'verify',
      '-purpose',
      'sslserver',
      '-CAfile',
      'ed/root.pem',
      '-untrusted',
      'ed/intermediates.pem',
      'ed/leaf.pem',
    );
    expect(server.status).not.toBe(0);
    // The leaf key matches the leaf certificate.
    const fromKey = execFileSync('openssl', ['pkey', '-in', 'pki/leaf.key', '-pubout'], {
      cwd: dir,
      encoding: 'utf8',
    });
    const fromCert = execFileSync('openssl', ['x509', '-in', 'pki/leaf.pem', '-noout', '-pubkey'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(fromKey).toBe(fromCert);
  });

  it('refuses to overwrite without --force', () => {
    const r = cachet(['x509', 'test-pki', '-o', 'pki'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--force');
  });
});

describe('cachet x509 inspect', () => {
  it('describes each certificate as node:crypto sees it', () => {
    const r = cachet(['x509', 'inspect', '--json', 'pki/chain.pem'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const certs = JSON.parse(r.stdout);
    expect(certs).toHaveLength(2);
    const node = new X509Certificate(readFileSync(at('pki/leaf.pem')));
    expect(certs[0].sha256Fingerprint).toBe(node.fingerprint256.replaceAll(':', '').toLowerCase());
    expect(certs[0].serialNumber.toLowerCase()).toBe(node.serialNumber.toLowerCase());
    expect(certs[0]).toMatchObject({
      isCA: false,
      subjectAltNames: { dns: ['api.internal'], ip: ['10.0.0.7'] },
    });
    expect(certs[1]).toMatchObject({ isCA: true, basicConstraints: { ca: true, pathLength: 0 } });
    // The pin is openssl's SPKI SHA-256, as curl --pinnedpubkey writes it.
    const spki = execFileSync('openssl', ['x509', '-in', 'pki/leaf.pem', '-noout', '-pubkey'], {
      cwd: dir,
    });
    const der = execFileSync('openssl', ['pkey', '-pubin', '-outform', 'der'], { input: spki });
    const digest = execFileSync('openssl', ['dgst', '-sha256', '-binary'], { input: der });
    expect(certs[0].publicKey.pin).toBe(`sha256/${digest.toString('base64')}`);

    const text = cachet(['x509', 'inspect'], { cwd: dir, input: readFileSync(at('ed/leaf.pem')) });
    expect(text.stdout).toMatch(/subject\s+CN=worker\.internal/);
    expect(text.stdout).toMatch(/ext key usage\s+clientAuth/);
    const der2 = execFileSync('openssl', ['x509', '-in', 'pki/root.pem', '-outform', 'der'], {
      cwd: dir,
    });
    writeFileSync(at('root.der'), der2);
    expect(cachet(['x509', 'inspect', 'root.der'], { cwd: dir }).stdout).toContain(
      'CN=cachet test root',
    );
  });

  it('rejects what is not a certificate with exit 2', async () => {
    writeFileSync(at('junk.der'), Buffer.from('30820100', 'hex'));
    writeFileSync(at('text.txt'), 'hello');
    writeFileSync(at('nocert.pem'), '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n');
    const [junk, nocert, text] = await Promise.all([
      cachetAsync(['x509', 'inspect', 'junk.der'], { cwd: dir }),
      cachetAsync(['x509', 'inspect', 'nocert.pem'], { cwd: dir }),
      cachetAsync(['x509', 'verify', '--roots', 'pki/root.pem', 'text.txt'], { cwd: dir }),
    ]);
    expect(text.code).toBe(2);
    expect(text.stderr).toBe('error: text.txt is not a certificate (neither PEM nor DER)\n');
    expect(junk.code).toBe(2);
    expect(junk.stderr).toContain('ERR_CERT_MALFORMED');
    expect(nocert.code).toBe(2);
    expect(nocert.stderr).toContain('no CERTIFICATE');
  });
});

describe('cachet x509 verify', () => {
  it('accepts good chains and names the reason for each rejection (exit 1)', async () => {
    const base = [
      'x509',
      'verify',
      'pki/leaf.pem',
      '--intermediates',
      'pki/intermediates.pem',
      '--roots',
      'pki/root.pem',
    ];
    const pin = parseCertificate(readFileSync(at('pki/intermediates.pem'), 'utf8')).publicKey.pin;
    const cases: [string[], number, string][] = [
      [[...base, '--host', 'api.internal', '--pin', pin], 0, ''],
      [['x509', 'verify', 'pki/chain.pem', '--roots', 'pki/root.pem', '--ip', '10.0.0.7'], 0, ''],
      [[...base, '--host', 'evil.internal'], 1, 'ERR_CERT_NAME_MISMATCH'],
      [[...base, '--ip', '10.0.0.8'], 1, 'ERR_CERT_NAME_MISMATCH'],
      [[...base, '--at', '2099-01-01T00:00:00Z'], 1, 'ERR_CERT_EXPIRED'],
      [[...base, '--at', '946684800'], 1, 'ERR_CERT_NOT_YET_VALID'],
      [[...base, '--roots', 'ed/root.pem'], 0, ''], // an extra root does no harm
      [['x509', 'verify', 'pki/leaf.pem', '--roots', 'pki/root.pem'], 1, 'ERR_CERT_UNKNOWN_ISSUER'],
      [
        [
          'x509',
          'verify',
          'pki/leaf.pem',
          '--intermediates',
          'pki/intermediates.pem',
          '--roots',
          'ed/root.pem',
        ],
        1,
        'ERR_CERT_UNKNOWN_ISSUER',
      ],
      [['x509', 'verify', 'ed/chain.pem', '--roots', 'ed/root.pem'], 1, 'ERR_CERT_EKU'],
      [
        [
          'x509',
          'verify',
          'ed/chain.pem',
          '--roots',
          'ed/root.pem',
          '--purpose',
          'clientAuth',
          '--host',
          'worker.internal',
        ],
        0,
        '',
      ],
      [
        [...base, '--pin', 'sha256/47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='],
        1,
        'ERR_CERT_PIN_MISMATCH',
      ],
      [[...base, '--at', 'yesterday'], 2, '--at takes'],
      [['x509', 'verify', 'pki/leaf.pem'], 2, '--roots is required'],
      [[...base, '--profile', 'strict'], 2, '--profile must be'],
    ];
    const results = await Promise.all(cases.map(([args]) => cachetAsync(args, { cwd: dir })));
    results.forEach((r, i) => {
      const [args, code, text] = cases[i]!;
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(code);
      if (code === 0) expect(r.stdout).toMatch(/^valid chain:\n {2}0 {2}CN=/);
      else expect(r.stderr).toContain(text);
    });
  });

  it('reports JSON both ways, and checks CRLs', async () => {
    const pem = readFileSync(at('pki/chain.pem'), 'utf8');
    const okJson = JSON.parse(
      cachet(['x509', 'verify', '--roots', 'pki/root.pem', '--json'], { cwd: dir, input: pem })
        .stdout,
    );
    expect(okJson.valid).toBe(true);
    expect(okJson.chain.map((c: { subject: string }) => c.subject)).toEqual([
      'CN=api.internal',
      'CN=cachet test intermediate 1',
      'CN=cachet test root',
    ]);
    const bad = cachet(
      ['x509', 'verify', '--roots', 'pki/root.pem', '--host', 'x.internal', '--json'],
      { cwd: dir, input: pem },
    );
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ valid: false, code: 'ERR_CERT_NAME_MISMATCH' });

    // A CRL from the intermediate that lists the leaf, made with the intermediate's key.
    const pkcs8 = readFileSync(at('pki/intermediate.key'), 'utf8').replace(
      /-----[A-Z ]+-----|\s/g,
      '',
    );
    const issuerKey = await crypto.subtle.importKey(
      'pkcs8',
      Buffer.from(pkcs8, 'base64'),
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['sign'],
    );
    const issuer = parseCertificate(readFileSync(at('pki/intermediates.pem'), 'utf8'));
    const crl = await createCrl({
      issuer,
      issuerKey,
      revoked: [parseCertificate(readFileSync(at('pki/leaf.pem'), 'utf8'))],
    });
    writeFileSync(at('revoked.crl'), crl.toPem());
    const revoked = cachet(
      ['x509', 'verify', 'pki/chain.pem', '--roots', 'pki/root.pem', '--crl', 'revoked.crl'],
      { cwd: dir },
    );
    expect(revoked.code).toBe(1);
    expect(revoked.stderr).toContain('ERR_CERT_REVOKED');
    // openssl agrees that the CRL is valid and revokes the leaf.
    const check = openssl(
      'verify',
      '-crl_check',
      '-CAfile',
      'pki/root.pem',
      '-untrusted',
      'pki/intermediates.pem',
      '-CRLfile',
      'revoked.crl',
      'pki/leaf.pem',
    );
    expect(check.stdout + check.stderr).toContain('certificate revoked');
  });
});
