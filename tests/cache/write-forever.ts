/**
 * Writes large entries into the disk cache at `argv[2]` until killed: `key-<i>` holds `<i>` repeated
 * 100,000 times. The disk store test kills it mid-write and checks what it left.
 */
import Keyv from 'keyv';
import { DiskStore } from '../../src/index.js';

const keyv = new Keyv({ store: new DiskStore({ directory: process.argv[2] }), namespace: 'docpipe' });
for (let i = 0; ; i++) {
  await keyv.set(`key-${i}`, `${i}`.repeat(100_000));
  if (i === 0) process.stdout.write('writing\n');
}
