import type { KeyCommand } from '../../../domain/key/index.ts';
import { type Decoded } from '../wire/fields.ts';
import { type ActionContext, type ActionHandler, type ActionTable } from './action.ts';
/** Runs one command on the key named by KeyId (a key id or key ARN; aliases where `alias` says so). */
export declare const onKey: (command: (ctx: ActionContext) => Decoded<KeyCommand>, alias?: boolean) => ActionHandler;
export declare const keyActions: ActionTable;
