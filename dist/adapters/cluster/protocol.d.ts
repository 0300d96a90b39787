import type { NonceVerdict } from '../http/auth/nonce-cache.ts';
export interface NonceAsk {
    readonly id: number;
    readonly accessKeyId: string;
    readonly nonce: string;
    readonly at: number;
    readonly now: number;
}
export type ToPrimary = {
    readonly kl: 'nonces';
    readonly asks: readonly NonceAsk[];
} | {
    readonly kl: 'lock';
    readonly id: number;
    readonly pool: string;
} | {
    readonly kl: 'unlock';
    readonly pool: string;
} | {
    readonly kl: 'listening';
    readonly url: string;
};
export type ToWorker = {
    readonly kl: 'nonces';
    readonly verdicts: ReadonlyArray<{
        readonly id: number;
        readonly verdict: NonceVerdict;
    }>;
} | {
    readonly kl: 'locked';
    readonly id: number;
};
export declare const isClusterMessage: (m: unknown) => m is {
    kl: string;
};
