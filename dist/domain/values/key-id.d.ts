import * as t from 'io-ts';
export interface KeyIdBrand {
    readonly KeyId: unique symbol;
}
export declare const KeyId: t.Type<t.Branded<string, KeyIdBrand>, string, unknown>;
export type KeyId = t.TypeOf<typeof KeyId>;
export interface KeyVersionIdBrand {
    readonly KeyVersionId: unique symbol;
}
export declare const KeyVersionId: t.Type<t.Branded<string, KeyVersionIdBrand>, string, unknown>;
export type KeyVersionId = t.TypeOf<typeof KeyVersionId>;
export declare const isUuid: (s: string) => boolean;
