// Encrypt a chosen file for a server's public keyring (cachet/envelope, HPKE X25519), offer
// the envelope for download, and (demo only) decrypt it back with the private keyring.
// The file is streamed through encryptStream: memory stays about one 64 KiB chunk, however
// large the file.
import { decryptStream, encryptStream } from 'cachet/envelope';
import { Keyring } from 'cachet/keys';
import {
  byId,
  clear,
  offerDownload,
  onClick,
  readAll,
  showFailure,
  showVerdict,
  UsageError,
  withdrawDownload,
} from './dom.js';

const recipientsField = byId('recipients', HTMLTextAreaElement);
const privateField = byId('private-keyring', HTMLTextAreaElement);
const fileInput = byId('file', HTMLInputElement);
const encryptResult = byId('encrypt-result', HTMLOutputElement);
const decryptResult = byId('decrypt-result', HTMLOutputElement);
const envelopeSlot = byId('envelope-download', HTMLSpanElement);
const plaintextSlot = byId('plaintext-download', HTMLSpanElement);

/** The last envelope made here and the file it came from, for the decryption demo. */
let last: { envelope: Blob; file: File } | undefined;

/** Makes a demo server key pair: the public half to encrypt for, the private to decrypt. */
function newServerKey(): void {
  const server = Keyring.generate('X25519');
  recipientsField.value = JSON.stringify(server.publicKeyring(), null, 2);
  privateField.value = JSON.stringify(server.toSecretJSON(), null, 2);
}

async function encrypt(): Promise<void> {
  clear(encryptResult);
  withdrawDownload(envelopeSlot);
  try {
    const file = fileInput.files?.[0];
    if (!file) throw new UsageError('choose a file first.');
    const recipients = Keyring.fromJSON(recipientsField.value);
    // A keyring with private material encrypts all the same (only public halves are used),
    // but it should never have been pasted into a browser.
    const warning =
      recipients.primary.type === 'private'
        ? ' (this keyring holds a private key: give browsers only the public keyring)'
        : '';
    const encrypted = file.stream().pipeThrough(encryptStream({ recipients }));
    const envelope = new Blob(await readAll(encrypted));
    last = { envelope, file };
    offerDownload(envelopeSlot, 'Download the envelope', envelope, `${file.name}.cachet`);
    showVerdict(
      encryptResult,
      'Encrypted:',
      `${file.name} (${file.size} bytes) → ${envelope.size} bytes for key ${recipients.primary.id}${warning}.`,
    );
  } catch (error) {
    showFailure(encryptResult, 'Not encrypted:', error);
  }
}

async function decrypt(): Promise<void> {
  clear(decryptResult);
  withdrawDownload(plaintextSlot);
  try {
    if (!last) throw new UsageError('encrypt a file first.');
    const recipient = Keyring.fromJSON(privateField.value);
    const decrypted = last.envelope.stream().pipeThrough(decryptStream({ recipient }));
    const plaintext = await new Blob(await readAll(decrypted)).arrayBuffer();
    const [got, want] = await Promise.all([
      sha256(plaintext),
      sha256(await last.file.arrayBuffer()),
    ]);
    offerDownload(
      plaintextSlot,
      'Download the decrypted file',
      new Blob([plaintext]),
      last.file.name,
    );
    showVerdict(
      decryptResult,
      'Decrypted:',
      `${plaintext.byteLength} bytes, ${got === want ? 'identical to' : 'DIFFERENT from'} ${last.file.name} (SHA-256 ${got}).`,
    );
  } catch (error) {
    showFailure(decryptResult, 'Not decrypted:', error);
  }
}

async function sha256(data: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Wires the section's controls and makes the first demo key pair. */
export function setUpEncryptFile(): void {
  newServerKey();
  onClick(byId('new-server-key', HTMLButtonElement), newServerKey);
  onClick(byId('encrypt', HTMLButtonElement), encrypt);
  onClick(byId('decrypt', HTMLButtonElement), decrypt);
}
