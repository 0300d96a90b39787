import * as t from 'io-ts';
export interface AliasNameBrand {
    readonly AliasName: unique symbol;
}
export declare const AliasName: t.Type<t.Branded<string, AliasNameBrand>, string, unknown>;
export type AliasName = t.TypeOf<typeof AliasName>;
