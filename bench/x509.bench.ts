// cachet/x509: validating a 3-certificate P-256 chain (leaf, intermediate, root) with a
// host name. The floor is node:crypto X509Certificate.verify of the two links with the
// issuers' KeyObjects ready (no path building, no policy checks). Peers: pkijs'
// CertificateChainValidationEngine and @peculiar/x509's X509ChainBuilder plus the two
// signature checks. From PEM, every implementation also parses the three certificates.
import * as crypto from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { certData } from '../src/x509/certificate.js';
import { createTestPki, parseCertificate, verifyChain } from '../src/x509/index.js';
import { peculiar } from '../src/x509/reflect.js';
import { ecdsaDerToP1363 } from '../src/x509/signature.js';
import type { Group } from './harness.js';

function pkijsCert(pem: string): pkijs.Certificate {
  const der = crypto.X509Certificate ? new crypto.X509Certificate(pem).raw : Buffer.alloc(0);
  return new pkijs.Certificate({ schema: asn1js.fromBER(new Uint8Array(der)).result });
}

export async function groups(): Promise<Group[]> {
  const pki = await createTestPki({ leaf: { dnsNames: ['bench.example'] } });
  const pems = { leaf: pki.leaf.toPem(), inter: pki.intermediate.toPem(), root: pki.root.toPem() };
  const parsed = { leaf: pki.leaf, intermediates: [pki.intermediate], roots: [pki.root] };
  const hostname = 'bench.example';

  // node:crypto floor: two X509Certificate.verify calls with the issuers' keys.
  const nLeaf = new crypto.X509Certificate(pems.leaf);
  const nInter = new crypto.X509Certificate(pems.inter);
  const nRoot = new crypto.X509Certificate(pems.root);
  const interKey = nInter.publicKey;
  const rootKey = nRoot.publicKey;

  // Raw noble: the two ECDSA verifications over the TBS bytes.
  const links = [
    [certData(pki.leaf), certData(pki.intermediate)],
    [certData(pki.intermediate), certData(pki.root)],
  ].map(([child, issuer]) => ({
    tbs: child!.tbs,
    sig: ecdsaDerToP1363(child!.signature, 'P-256')!,
    key: (issuer!.key as { point: Uint8Array }).point,
  }));

  // pkijs: its chain validation engine on WebCrypto.
  pkijs.setEngine('bench', new pkijs.CryptoEngine({ name: 'bench', crypto: globalThis.crypto }));
  const pj = {
    leaf: pkijsCert(pems.leaf),
    inter: pkijsCert(pems.inter),
    root: pkijsCert(pems.root),
  };

  // @peculiar/x509 (with cachet's Reflect polyfill): chain builder plus a verify per link.
  const x = await peculiar();
  const px = {
    leaf: new x.X509Certificate(pems.leaf),
    inter: new x.X509Certificate(pems.inter),
    root: new x.X509Certificate(pems.root),
  };
  const peculiarValidate = async (
    leaf: typeof px.leaf,
    inter: typeof px.inter,
    root: typeof px.root,
  ) => {
    const chain = await new x.X509ChainBuilder({ certificates: [inter, root] }).build(leaf);
    for (let i = 0; i + 1 < chain.length; i++) {
      if (!(await chain[i]!.verify({ publicKey: chain[i + 1]!, signatureOnly: true })))
        throw new Error('bad');
    }
    return chain.length;
  };

  const cachetParsed = () => verifyChain({ ...parsed, hostname });
  const cachetPem = () =>
    verifyChain({ leaf: pems.leaf, intermediates: [pems.inter], roots: [pems.root], hostname });
  return [
    {
      area: 'x509',
      name: 'verify a parsed 3-certificate P-256 chain',
      note: 'floor: node:crypto X509Certificate.verify of the two links with the issuer KeyObjects ready. cachet also builds the path and applies the full RFC 5280 / web profile (validity, constraints, EKU, host name).',
      cases: [
        { name: 'cachet (native)', kind: 'cachet', backend: 'native', fn: cachetParsed },
        { name: 'cachet (portable)', kind: 'cachet', backend: 'portable', fn: cachetParsed },
        {
          name: 'node:crypto floor',
          kind: 'floor',
          fn: () => nLeaf.verify(interKey) && nInter.verify(rootKey),
        },
        {
          name: '@noble/curves (two ECDSA verifies)',
          kind: 'noble',
          fn: () =>
            links.every((l) =>
              p256.verify(l.sig, sha256(l.tbs), l.key, { prehash: false, lowS: false }),
            ),
        },
        {
          name: 'pkijs CertificateChainValidationEngine',
          kind: 'peer',
          fn: () =>
            new pkijs.CertificateChainValidationEngine({
              trustedCerts: [pj.root],
              certs: [pj.leaf, pj.inter],
            }).verify(),
        },
        {
          name: '@peculiar/x509 X509ChainBuilder + verify',
          kind: 'peer',
          fn: () => peculiarValidate(px.leaf, px.inter, px.root),
        },
      ],
      targets: [{ subject: 'cachet (native)', baseline: 'node:crypto floor', max: 2 }],
    },
    {
      area: 'x509',
      name: 'parse 3 PEM certificates and verify the chain',
      note: 'floor: node:crypto X509Certificate from PEM three times, then the two verifies. @peculiar/x509: parse, X509ChainBuilder, verify per link.',
      cases: [
        { name: 'cachet (native)', kind: 'cachet', backend: 'native', fn: cachetPem },
        { name: 'cachet (portable)', kind: 'cachet', backend: 'portable', fn: cachetPem },
        {
          name: 'node:crypto floor',
          kind: 'floor',
          fn: () => {
            const l = new crypto.X509Certificate(pems.leaf);
            const i = new crypto.X509Certificate(pems.inter);
            const r = new crypto.X509Certificate(pems.root);
            return l.verify(i.publicKey) && i.verify(r.publicKey);
          },
        },
        {
          name: '@peculiar/x509 parse + X509ChainBuilder + verify',
          kind: 'peer',
          fn: () =>
            peculiarValidate(
              new x.X509Certificate(pems.leaf),
              new x.X509Certificate(pems.inter),
              new x.X509Certificate(pems.root),
            ),
        },
        {
          name: 'cachet parseCertificate only (3 PEM)',
          kind: 'cachet',
          fn: () => [
            parseCertificate(pems.leaf),
            parseCertificate(pems.inter),
            parseCertificate(pems.root),
          ],
        },
      ],
      targets: [
        {
          subject: 'cachet (native)',
          baseline: '@peculiar/x509 parse + X509ChainBuilder + verify',
          max: 0.5,
        },
      ],
    },
  ];
}
