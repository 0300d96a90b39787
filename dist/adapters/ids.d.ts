import type { IdGenerator } from '../domain/ports/ids.ts';
export declare const randomIds: IdGenerator;
