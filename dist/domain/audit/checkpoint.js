export const formatCheckpoint = (c) => `${c.origin}\n${c.size}\n${c.root.toString('base64')}\n${c.time ? `time ${c.time}\n` : ''}`;
const DECIMAL = /^(0|[1-9][0-9]*)$/;
const BASE64_HASH = /^[A-Za-z0-9+/]{43}=$/;
/** Parses a checkpoint body (the note text, ending in a newline); unknown extension lines are ignored. */
export const parseCheckpoint = (text) => {
    if (!text.endsWith('\n'))
        return 'the checkpoint text does not end in a newline';
    const [origin, size, root, ...extensions] = text.slice(0, -1).split('\n');
    if (!origin)
        return 'the checkpoint has no origin line';
    if (size === undefined || !DECIMAL.test(size) || !Number.isSafeInteger(Number(size)))
        return 'the second line is not a tree size';
    if (root === undefined || !BASE64_HASH.test(root))
        return 'the third line is not a Base64 SHA-256 root hash';
    if (extensions.some((l) => l === ''))
        return 'the checkpoint has an empty extension line';
    const time = extensions.find((l) => l.startsWith('time '))?.slice('time '.length) ?? null;
    return { origin, size: Number(size), root: Buffer.from(root, 'base64'), time };
};
