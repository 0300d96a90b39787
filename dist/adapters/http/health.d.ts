import type { ServerResponse } from 'node:http';
/** 'ok', or the failing check's reason. */
export type CheckResult = string;
export interface ReadinessChecks {
    readonly [name: string]: () => Promise<CheckResult>;
}
export declare const HEALTH_PATHS: Set<string>;
export declare const answerHealth: (path: string, checks: ReadinessChecks, res: ServerResponse) => Promise<void>;
