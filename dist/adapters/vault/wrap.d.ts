export type { WrappedMaterial } from '../../domain/ports/key-vault.ts';
import type { WrappedMaterial } from '../../domain/ports/key-vault.ts';
export declare const rowAad: (...parts: string[]) => Buffer;
export declare const wrap: (rootKey: Buffer, material: Buffer, aad: Buffer) => WrappedMaterial;
/** undefined when the root key is wrong, the row was tampered with, or it belongs elsewhere. */
export declare const unwrap: (rootKey: Buffer, w: WrappedMaterial, aad: Buffer) => Buffer | undefined;
