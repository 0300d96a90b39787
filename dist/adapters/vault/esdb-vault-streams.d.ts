import { type EventStoreDBClient } from '@eventstore/db-client';
import * as t from 'io-ts';
import { type Backoff } from '../store/esdb/backoff.ts';
import type { WrappedMaterial } from './wrap.ts';
export declare const VAULT_ROOT_CHECK_STREAM = "vault-rootcheck";
export declare const vaultStream: (keyId: string) => string;
export declare const vaultImportedStream: (keyId: string) => string;
export declare const vaultTokenStream: (keyId: string) => string;
export declare const Wrapped: t.TypeC<{
    iv: t.StringC;
    tag: t.StringC;
    ciphertext: t.StringC;
}>;
export declare const MaterialWrapped: t.IntersectionC<[t.TypeC<{
    iv: t.StringC;
    tag: t.StringC;
    ciphertext: t.StringC;
}>, t.TypeC<{
    versionId: t.StringC;
    kind: t.KeyofC<{
        raw: null;
        pkcs8: null;
    }>;
    imported: t.BooleanC;
}>]>;
export declare const ImportFingerprintRecorded: t.TypeC<{
    fingerprint: t.StringC;
}>;
export declare const toJson: (w: WrappedMaterial) => {
    iv: string;
    tag: string;
    ciphertext: string;
};
export declare const fromJson: (w: t.TypeOf<typeof Wrapped>) => WrappedMaterial;
export interface VaultEvent {
    readonly type: string;
    readonly data: unknown;
    readonly revision: bigint;
}
export declare const decodeAs: <A>(codec: t.Type<A>, e: VaultEvent) => A | undefined;
/** A write to a destroyed key's (tombstoned) stream. */
export declare class VaultStreamDestroyed extends Error {
    constructor(stream: string);
}
/**
 * A vault stream's events; none when it does not exist. `strict`: a tombstoned stream throws (writes must not go
 * on). Read again, whole, while the server is unreachable.
 */
export declare const readVaultStream: (client: EventStoreDBClient, stream: string, strict?: boolean, backoff?: Backoff) => Promise<VaultEvent[]>;
