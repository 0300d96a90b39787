import * as E from 'fp-ts/lib/Either.js';
import { AliasEvent } from '../domain/alias/alias.ts';
import { SealedMetadata, type RecordedEvent } from '../domain/kernel/envelope.ts';
import { ActionInvoked, DefaultKeyReserved, KeyEvent } from '../domain/key/index.ts';
interface Position {
    readonly position: number;
    readonly streamId: string;
    readonly revision: number;
    readonly eventId: string;
    readonly metadata: SealedMetadata;
}
export type ProjectedEvent = Position & ({
    readonly kind: 'key';
    readonly event: KeyEvent;
} | {
    readonly kind: 'usage';
    readonly event: ActionInvoked;
} | {
    readonly kind: 'alias';
    readonly event: AliasEvent;
} | {
    readonly kind: 'defaultkey';
    readonly event: DefaultKeyReserved;
} | {
    readonly kind: 'other';
    readonly event: {
        readonly type: string;
        readonly data: unknown;
    };
});
/** An event that does not decode: reported with its place in the log, never dropped silently. */
export interface DecodeProblem {
    readonly position: number;
    readonly streamId: string;
    readonly revision: number;
    readonly type: string;
    readonly reason: string;
}
export declare const decodeRecorded: (r: RecordedEvent) => E.Either<DecodeProblem, ProjectedEvent>;
export {};
