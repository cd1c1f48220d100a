// A separate verifier process: claims one id in a shared Redis and prints the outcome.
import { createClient } from 'redis';
import { RedisReplayStore } from '../../src/replay/index.js';

const [url, prefix, id] = process.argv.slice(2) as [string, string, string];
const client = await createClient({ url }).connect();
console.log(await new RedisReplayStore(client, { prefix }).claim(id, 60_000));
await client.quit();
