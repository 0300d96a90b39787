import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
export const checkpointFileName = (c) => `${String(c.size).padStart(12, '0')}-${(c.time ?? 'untimed').replace(/[:.]/g, '')}-${c.root.toString('hex').slice(0, 8)}.checkpoint`;
/** A directory (a mounted share, a WORM bucket, another machine's disk): one file per checkpoint, never replaced. */
export const directoryWitness = (path) => ({
    name: `directory ${path}`,
    push: async (note, c) => {
        mkdirSync(path, { recursive: true });
        const file = join(path, checkpointFileName(c));
        if (!existsSync(file))
            writeFileSync(file, note, { flag: 'wx' });
    },
});
/** An HTTP endpoint that accepts a checkpoint as the body of a POST (text/plain); any 2xx answer is acceptance. */
export const httpWitness = (url, timeoutMs = 10_000) => ({
    name: `http ${url}`,
    push: async (note) => {
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain; charset=utf-8' }, body: note, signal: AbortSignal.timeout(timeoutMs) });
        if (!res.ok)
            throw new Error(`${url} answered ${res.status}`);
    },
});
export const witnessOf = (c) => (c.type === 'directory' ? directoryWitness(c.path) : httpWitness(c.url, c.timeoutMs));
