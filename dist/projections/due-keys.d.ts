import type { RecordedEvent } from '../domain/kernel/envelope.ts';
import { AliasEvent } from '../domain/alias/alias.ts';
import { KeyEvent, type KeyStatus, type MaterialDestruction, type RotationSettings } from '../domain/key/index.ts';
import type { Origin } from '../domain/values/key-spec.ts';
export declare const DUE_KEYS_STREAM_PREFIXES: readonly ["key-", "alias-"];
/**
 * FOR TESTS AND DEMOS ONLY, never in production: `minute` makes a rotation interval count minutes where it says
 * days (a `7d` policy rotates every 7 minutes). Only the scheduler sees the scaled interval; events, DescribeKey
 * and the audit trail keep the key's real policy. `day` is the real behaviour.
 */
export type RotationUnit = 'day' | 'hour' | 'minute' | 'second';
export declare const ROTATION_UNITS: readonly RotationUnit[];
/** The interval the scheduler applies: the policy's own for `day`, shrunk by the same ratio otherwise. */
export declare const scaledIntervalSeconds: (intervalSeconds: number, unit: RotationUnit) => number;
/** One key, reduced to what the jobs read. */
export interface DueKey {
    readonly keyId: string;
    readonly accountId: string;
    readonly region: string;
    readonly origin: Origin;
    readonly status: KeyStatus;
    /** When the pending window ends; set only while PendingDeletion. */
    readonly deleteDate: string | null;
    readonly rotation: RotationSettings;
    readonly lastRotationDate: string;
    readonly material: {
        readonly imported: boolean;
        readonly expireAt: string | null;
    };
    /** Crypto-shredding: `due` until KeyMaterialDestroyed records it (the shredding job's list). */
    readonly materialDestruction: MaterialDestruction;
}
/** One alias stream, folded: the key it points to, or null once deleted. */
export interface AliasBinding {
    readonly alias: string;
    readonly accountId: string;
    readonly region: string;
    readonly keyId: string | null;
}
export interface DueKeysView {
    /** Global position of the last event folded in. */
    readonly position: number;
    readonly rotationUnit: RotationUnit;
    readonly keys: ReadonlyMap<string, DueKey>;
    /** By alias stream id. */
    readonly aliases: ReadonlyMap<string, AliasBinding>;
    /** Events of these streams that did not decode: skipped, counted, for the operator to audit. */
    readonly undecodable: number;
}
export declare const emptyDueKeys: (rotationUnit?: RotationUnit) => DueKeysView;
/**
 * Folds one key event into the key's row with the domain's own `evolve`, so status rules (a cancelled deletion
 * of an imported key, material deleted while pending deletion, …) live in one place.
 */
export declare const evolveDueKey: (row: DueKey | undefined, e: KeyEvent) => DueKey | undefined;
export declare const evolveAliasBinding: (_row: AliasBinding | undefined, e: AliasEvent) => AliasBinding;
export type DueKeysChange = {
    readonly kind: 'key';
    readonly keyId: string;
    readonly event: KeyEvent;
} | {
    readonly kind: 'alias';
    readonly streamId: string;
    readonly event: AliasEvent;
} | {
    readonly kind: 'ignored';
} | {
    readonly kind: 'undecodable';
};
/** Decodes a recorded event of a stream this view follows (upcast first, as every reader does). */
export declare const decodeDueKeysEvent: (r: RecordedEvent) => DueKeysChange;
/**
 * The view's fold, `(view, event) → view`, pure: a changed map is copied, so this costs O(keys) per change. The
 * in-memory holder (adapters/scheduler/due-keys-feed.ts) applies the same row folds in place instead.
 */
export declare const foldDueKeys: (view: DueKeysView, r: RecordedEvent) => DueKeysView;
/** NextRotationDate = LastRotationDate + interval (API reference §5.4), with the view's rotation unit applied. */
export declare const nextRotationDate: (k: DueKey, unit: RotationUnit) => Date | null;
/** API reference §5.4: a Disabled or PendingDeletion key shows `Suspended` and does not rotate until it is Enabled. */
export declare const automaticRotation: (k: DueKey) => "Enabled" | "Disabled" | "Suspended";
/**
 * Keys whose next rotation date has come, earliest first. A shortened interval that puts the date in the past
 * makes the key due at once; a suspended key is not due, and is due at once when enabled again if it is overdue.
 */
export declare const dueForRotation: (view: DueKeysView, now: Date) => DueKey[];
/** Keys pending deletion whose window has ended (S-8.1): not a minute before `deleteDate`. */
export declare const dueForDeletion: (view: DueKeysView, now: Date) => DueKey[];
/** Keys whose imported material has reached its KeyMaterialExpireUnix (API reference §5.11). */
export declare const materialExpired: (view: DueKeysView, now: Date) => DueKey[];
/** Aliases that still point at a key. */
export declare const aliasesOf: (view: DueKeysView, keyId: string) => AliasBinding[];
/** Deleted keys that some alias still points at: a release that did not happen (a crash between the two steps). */
export declare const deletedKeysHoldingAliases: (view: DueKeysView) => DueKey[];
