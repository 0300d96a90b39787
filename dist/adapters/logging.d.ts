import { type Logger } from 'pino';
export type LogFormat = 'pretty' | 'json';
export declare const parseLogFormat: (s: string | undefined) => LogFormat | undefined;
export declare const makeLogger: (o?: {
    format?: LogFormat;
    level?: string;
    tty?: boolean;
}) => Logger;
