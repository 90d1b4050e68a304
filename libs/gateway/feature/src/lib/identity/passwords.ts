import argon2 from 'argon2';

/**
 * OWASP password storage cheat sheet, Argon2id minimum: m = 19 MiB, t = 2, p = 1. Hashes are PHC
 * strings (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`), so the parameters travel with each hash
 * and a login can tell when a stored hash is weaker than today's policy.
 */
export const PASSWORD_HASH_PARAMETERS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export class PasswordHasher {
  constructor(private readonly parameters: typeof PASSWORD_HASH_PARAMETERS = PASSWORD_HASH_PARAMETERS) {}

  hash(password: string): Promise<string> {
    return argon2.hash(password, this.parameters);
  }

  async verify(hash: string, password: string): Promise<boolean> {
    return argon2.verify(hash, password);
  }

  /** True when the hash is not Argon2id v1.3 or any parameter is below the current policy (stronger ones are kept). */
  needsRehash(hash: string): boolean {
    const match = /^\$argon2id\$v=(\d+)\$([a-z]=\d+(?:,[a-z]=\d+)*)\$/.exec(hash);
    if (!match) return true;
    // node-argon2 writes the parameters as m,p,t; the PHC format does not fix their order.
    const parameters = Object.fromEntries((match[2] as string).split(',').map((pair) => [pair[0], Number(pair.slice(2))]));
    return (
      Number(match[1]) < 0x13 ||
      !(parameters['m'] >= this.parameters.memoryCost) ||
      !(parameters['t'] >= this.parameters.timeCost) ||
      !(parameters['p'] >= this.parameters.parallelism)
    );
  }
}
