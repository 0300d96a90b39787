import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { type KmsError } from '../errors.ts';
import type { Decider } from '../kernel/decider.ts';
export declare const AliasCreated: t.TypeC<{
    type: t.LiteralC<"AliasCreated">;
    data: t.TypeC<{
        alias: t.StringC;
        keyId: t.StringC;
        accountId: t.StringC;
        region: t.StringC;
    }>;
}>;
export declare const AliasRetargeted: t.TypeC<{
    type: t.LiteralC<"AliasRetargeted">;
    data: t.TypeC<{
        alias: t.StringC;
        keyId: t.StringC;
        previousKeyId: t.StringC;
        accountId: t.StringC;
        region: t.StringC;
    }>;
}>;
export declare const AliasDeleted: t.TypeC<{
    type: t.LiteralC<"AliasDeleted">;
    data: t.TypeC<{
        alias: t.StringC;
        keyId: t.StringC;
        accountId: t.StringC;
        region: t.StringC;
    }>;
}>;
export declare const AliasEvent: t.UnionC<[t.TypeC<{
    type: t.LiteralC<"AliasCreated">;
    data: t.TypeC<{
        alias: t.StringC;
        keyId: t.StringC;
        accountId: t.StringC;
        region: t.StringC;
    }>;
}>, t.TypeC<{
    type: t.LiteralC<"AliasRetargeted">;
    data: t.TypeC<{
        alias: t.StringC;
        keyId: t.StringC;
        previousKeyId: t.StringC;
        accountId: t.StringC;
        region: t.StringC;
    }>;
}>, t.TypeC<{
    type: t.LiteralC<"AliasDeleted">;
    data: t.TypeC<{
        alias: t.StringC;
        keyId: t.StringC;
        accountId: t.StringC;
        region: t.StringC;
    }>;
}>]>;
export type AliasEvent = t.TypeOf<typeof AliasEvent>;
export interface AliasState {
    readonly exists: boolean;
    /** The key the alias points to, or null when it was never created or was deleted. */
    readonly keyId: string | null;
}
export declare const initialAliasState: AliasState;
export type AliasCommand = {
    readonly type: 'CreateAlias';
    readonly alias: string;
    readonly keyId: string;
    readonly accountId: string;
    readonly region: string;
} | {
    readonly type: 'UpdateAlias';
    readonly alias: string;
    readonly keyId: string;
    readonly accountId: string;
    readonly region: string;
}
/**
 * `onlyIfKeyId`: delete only while the alias still points to that key (the scheduler releasing a deleted key's
 * aliases): checked against the state the append's expected revision guards, so a release that races a
 * retarget or a re-creation never deletes an alias that now belongs to another key.
 */
 | {
    readonly type: 'DeleteAlias';
    readonly alias: string;
    readonly accountId: string;
    readonly region: string;
    readonly onlyIfKeyId?: string;
};
export declare const aliasStreamId: (accountId: string, region: string, alias: string) => string;
export declare const decideAlias: (cmd: AliasCommand, s: AliasState) => E.Either<KmsError, AliasEvent[]>;
export declare const evolveAlias: (s: AliasState, e: AliasEvent) => AliasState;
/** The alias registry's rules as a decider (docs/architecture.md §4). */
export declare const aliasDecider: Decider<AliasCommand, AliasState, AliasEvent>;
