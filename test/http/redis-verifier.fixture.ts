// A verifier process for test/http/replay-redis.node.test.ts: verifies one signed request
// (JSON in argv) with a RedisReplayStore on a shared Redis, printing "ok" or the error code.
import { createClient } from 'redis';
import { RedisReplayStore, verifyRequest } from '../../src/http/index.js';
import { importKey } from '../../src/keys/index.js';

const [url, prefix, requestJson, jwkJson] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
];
const client = await createClient({ url }).connect();
try {
  const key = importKey(JSON.parse(jwkJson));
  const replay = new RedisReplayStore(client, { prefix });
  const result = await verifyRequest(JSON.parse(requestJson), { keys: () => key, replay });
  console.log(result.nonce ? 'ok' : 'no-nonce');
} catch (err) {
  console.log((err as { code?: string }).code ?? String(err));
} finally {
  await client.quit();
}
