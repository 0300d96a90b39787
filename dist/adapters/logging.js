import pino from 'pino';
import pretty from 'pino-pretty';
export const parseLogFormat = (s) => {
    if (s === undefined)
        return undefined;
    if (s === 'pretty' || s === 'json')
        return s;
    throw new Error(`--log-format is pretty or json (got ${s})`);
};
export const makeLogger = (o = {}) => {
    const level = o.level ?? 'info';
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-boolean-literal-compare -- typed boolean, but undefined at runtime when stdout is not a terminal
    const tty = o.tty ?? process.stdout.isTTY === true;
    const format = o.format ?? (tty ? 'pretty' : 'json');
    if (format === 'json')
        return pino({ name: 'keyledger', level }, pino.destination({ dest: 1, sync: true }));
    return pino({ name: 'keyledger', level }, pretty({ sync: true, destination: 1, colorize: tty, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,name' }));
};
