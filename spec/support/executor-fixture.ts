import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { SqliteKeyVault } from '../../adapters/vault/sqlite-vault.ts'
import { SoftwareExecutor } from '../../adapters/crypto/software/executor.ts'
import type { KeyVersionRef } from '../../domain/ports/crypto-executor.ts'
import type { KeySpec } from '../../domain/values/key-spec.ts'

/** A software executor over a real SQLite vault in a temp dir. */
export const executorFixture = () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyledger-exec-'))
  const vault = E.getOrElseW((e: { message: string }) => { throw new Error(e.message) })(SqliteKeyVault.open(join(dir, 'vault.db'), randomBytes(32)))
  const executor = new SoftwareExecutor(vault)
  let n = 0
  const ref = (spec: KeySpec): KeyVersionRef => ({
    keyId: `key-spec${String(++n).padStart(8, '0')}`, versionId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    spec, kind: 'software', instanceId: 'kst-soft0001',
  })
  const must = <A>(r: E.Either<{ code: string; message: string }, A>): A => {
    if (E.isLeft(r)) throw new Error(`${r.left.code}: ${r.left.message}`)
    return r.right
  }
  return {
    executor, vault, ref, must,
    generated: async (spec: KeySpec) => {
      const r = ref(spec)
      must(await executor.generate(r))
      return r
    },
    imported: async (spec: KeySpec, material: Buffer) => {
      const r = ref(spec)
      must(await executor.importMaterial(r, material))
      return r
    },
    close: async () => {
      await executor.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
