import type { Params } from '../wire/params.ts';
export declare const rpcV1StringToSign: (method: string, params: Params) => string;
export declare const rpcV1Signature: (secret: string, stringToSign: string) => string;
