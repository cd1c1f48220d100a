// The example page: three independent sections, each importing only the cachet sub-path it
// needs (cachet/envelope + cachet/keys, cachet/webhooks, cachet/x509).
import './style.css';
import { setUpCertificate } from './certificate.js';
import { setUpEncryptFile } from './encrypt-file.js';
import { setUpWebhook } from './webhook.js';

setUpEncryptFile();
setUpWebhook();
setUpCertificate();
document.body.dataset['ready'] = 'true';
