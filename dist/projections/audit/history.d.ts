import type { RecordedEvent } from '../../domain/kernel/envelope.ts';
export interface HistoryEntry {
    readonly position: number;
    readonly streamId: string;
    readonly revision: number;
    readonly type: string;
    readonly occurredAt: string;
    readonly principal: string;
    readonly sourceIp: string | null;
    readonly requestId: string;
    /** A short description of what the event says (never key material: events hold none). */
    readonly detail: string;
}
export declare const keyHistory: (keyId: string, events: readonly RecordedEvent[]) => HistoryEntry[];
