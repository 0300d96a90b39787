import { type KmsError } from '../../../domain/errors.ts';
export declare const ckrCode: (e: unknown) => number | undefined;
export declare const ckrName: (e: unknown) => string;
export declare const isCkr: (e: unknown, ...codes: number[]) => boolean;
/**
 * Token trouble. Only the CKR name and what we were doing go into the message: never a PIN, a label's material
 * or a buffer.
 */
export declare const tokenFailure: (doing: string, e: unknown) => KmsError;
