import type { RecordedEvent } from '../../domain/kernel/envelope.ts';
export type TamperKind = 'altered' | 'inserted' | 'removed' | 'reordered' | 'unlinked' | 'truncated' | 'missing-stream';
export interface ChainBreak {
    readonly streamId: string;
    readonly revision: number;
    readonly position: number | null;
    readonly kind: TamperKind;
    readonly detail: string;
}
export interface StreamHead {
    readonly revision: number;
    readonly hash: string;
}
export interface VerifyReport {
    readonly streams: number;
    readonly events: number;
    readonly anchored: boolean;
    readonly breaks: readonly ChainBreak[];
}
/** The first break of one stream's chain; `events` in the order the store returns them. */
export declare const verifyStream: (streamId: string, events: readonly RecordedEvent[], anchor?: StreamHead) => ChainBreak | undefined;
/**
 * Verifies every stream in `events` (global order, as `readAll` gives them). With `anchors`, streams the
 * anchor knows must reach at least the anchored revision with the anchored hash.
 */
export declare const verifyChains: (events: readonly RecordedEvent[], anchors?: ReadonlyMap<string, StreamHead>) => VerifyReport;
