import { open, seal } from '../sealed-box.ts'

// Material at rest: AES-256-GCM under the root key with a random 96-bit IV. The AAD names the row's place
// (key id, version id, kind), so a row copied to another key or version does not unwrap (docs/architecture.md §5).

export type { WrappedMaterial } from '../../domain/ports/key-vault.ts'
import type { WrappedMaterial } from '../../domain/ports/key-vault.ts'

export const rowAad = (...parts: string[]): Buffer => Buffer.from(['keyledger-vault/v1', ...parts].join('\0'))

export const wrap = (rootKey: Buffer, material: Buffer, aad: Buffer): WrappedMaterial => seal(rootKey, material, aad)

/** undefined when the root key is wrong, the row was tampered with, or it belongs elsewhere. */
export const unwrap = (rootKey: Buffer, w: WrappedMaterial, aad: Buffer): Buffer | undefined => open(rootKey, w, aad)
