// Every command, in the order --help lists them.
import type { Command } from '../command.js';
import { cryptCommands } from './crypt.js';
import { httpCommands } from './http.js';
import { keyringCommands } from './keyring.js';
import { signCommands } from './sign.js';
import { webhookCommands } from './webhook.js';
import { x509Commands } from './x509.js';

export const commands: readonly Command[] = [
  ...keyringCommands,
  ...cryptCommands,
  ...signCommands,
  ...webhookCommands,
  ...httpCommands,
  ...x509Commands,
];
