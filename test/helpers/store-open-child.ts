// Child process for the cross-process open test: opens the SQLite store in the
// data dir given as argv[2], writes one feed, prints "opened <id>".
import { openStore } from '../../src/store/index.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: store-open-child DATA_DIR');
const store = await openStore({ dataDir });
const feed = await store.feeds.upsert({ name: `pid ${process.pid}`, url: `https://x.example/${process.pid}`, tags: [] }, new Date());
console.log(`opened ${feed.id}`);
await store.close();
