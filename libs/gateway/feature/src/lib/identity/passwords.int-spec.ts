import argon2 from 'argon2';
import { PASSWORD_HASH_PARAMETERS, PasswordHasher } from './passwords';

describe('PasswordHasher (row 28)', () => {
  const hasher = new PasswordHasher();

  it('when two users pick the same password, then the hashes are Argon2id PHC strings with m >= 19 MiB and t >= 2 that differ', async () => {
    const [first, second] = await Promise.all([hasher.hash('same password for both'), hasher.hash('same password for both')]);

    for (const hash of [first, second]) {
      const [, memory, time] = /^\$argon2id\$v=19\$m=(\d+),p=1,t=(\d+)\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/.exec(hash) ?? [];
      expect(Number(memory)).toBeGreaterThanOrEqual(19_456);
      expect(Number(time)).toBeGreaterThanOrEqual(2);
    }
    expect(first).not.toBe(second);
    expect(await hasher.verify(first, 'same password for both')).toBe(true);
    expect(await hasher.verify(first, 'another password')).toBe(false);
  });

  it('when a hash is weaker than the policy or not Argon2id, then it needs a re-hash; stronger ones are kept', async () => {
    const weak = await argon2.hash('pw', { type: argon2.argon2id, memoryCost: 4_096, timeCost: 2, parallelism: 1 });
    const argon2i = await argon2.hash('pw', { ...PASSWORD_HASH_PARAMETERS, type: argon2.argon2i });
    const stronger = await argon2.hash('pw', { ...PASSWORD_HASH_PARAMETERS, timeCost: 3 });

    expect(hasher.needsRehash(weak)).toBe(true);
    expect(hasher.needsRehash(argon2i)).toBe(true);
    expect(hasher.needsRehash(await hasher.hash('pw'))).toBe(false);
    expect(hasher.needsRehash(stronger)).toBe(false);
  });
});
