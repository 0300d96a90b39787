import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
// The root key (docs/architecture.md §5): 32 bytes under which everything keyledger keeps secret is wrapped with AES-256-GCM
// (key material in the vault, access key secrets in the data dir). One rule for every user of it:
//   1. `KMS_ROOT_KEY` (Base64 of exactly 32 bytes, canonical) when set: nothing is written to disk;
//   2. else `<dataDir>/root.key` (Base64 text, mode 0600), created on first use — unless the caller says the
//      key must come from the environment (several nodes sharing one vault: a key file made per node would
//      leave every other node unable to unwrap what this one wrapped).
// Anything doubtful stops the start with a clear error instead of running with a key an operator did not mean:
// a malformed variable, a file that is not 32 Base64 bytes, a key file that group or others can read (refused,
// not silently tightened: whoever could read it may already hold every secret it protects).
export const ROOT_KEY_FILE = 'root.key';
export const ROOT_KEY_BYTES = 32;
const configError = (code, message) => ({ code, httpStatus: 500, message });
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** Canonical Base64 of exactly 32 bytes (a value that re-encodes differently was mistyped or truncated). */
export const decodeRootKey = (text, origin) => {
    const t = text.trim();
    const bytes = BASE64.test(t) ? Buffer.from(t, 'base64') : Buffer.alloc(0);
    return bytes.length === ROOT_KEY_BYTES && bytes.toString('base64') === t
        ? E.right(bytes)
        : E.left(configError('Config.InvalidRootKey', `${origin} must be the Base64 encoding of exactly ${ROOT_KEY_BYTES} bytes.`));
};
const readKeyFile = (file) => {
    const mode = statSync(file).mode & 0o777;
    if (mode & 0o077)
        return E.left(configError('Config.InsecureRootKeyFile', `The root key file ${file} has mode ${mode.toString(8).padStart(4, '0')}; it must be readable by its owner only (chmod 600 it after checking who read it).`));
    return decodeRootKey(readFileSync(file, 'utf8'), `The root key file ${file}`);
};
/** Returns the root key and says where it came from (for a start-up log line; never the key itself). */
export const loadRootKey = (source) => {
    if (source.env !== undefined && source.env !== '')
        return E.map((key) => ({ key, origin: 'env' }))(decodeRootKey(source.env, 'KMS_ROOT_KEY'));
    if (source.envRequiredBecause !== undefined)
        return E.left(configError('Config.RootKeyRequired', `KMS_ROOT_KEY must be set: ${source.envRequiredBecause}`));
    const file = source.keyFile;
    try {
        return E.map((key) => ({ key, origin: 'file' }))(readKeyFile(file));
    }
    catch (e) {
        if (e.code !== 'ENOENT')
            return E.left(configError('Config.InvalidRootKey', `cannot read ${file}: ${e.message}`));
    }
    // Written whole to a private temporary name, then linked into place: link fails if the file exists, so two
    // processes starting at once never each make a key, and no reader ever sees a half-written one.
    const dir = dirname(file);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}`);
    let created = false;
    try {
        writeFileSync(tmp, `${randomBytes(ROOT_KEY_BYTES).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
        chmodSync(tmp, 0o600); // the umask can only remove bits; say the intent explicitly
        linkSync(tmp, file);
        created = true;
    }
    catch (e) {
        if (e.code !== 'EEXIST')
            return E.left(configError('Config.InvalidRootKey', `cannot create ${file}: ${e.message}`));
    }
    finally {
        try {
            unlinkSync(tmp);
        }
        catch { /* never created */ }
    }
    return E.map((key) => ({ key, origin: created ? 'created' : 'file' }))(readKeyFile(file));
};
/** The data dir's rule (`KMS_ROOT_KEY`, else `<dataDir>/root.key`), for callers that only need the key. */
export const loadDataDirRootKey = (dataDir, env) => E.bimap((e) => e.message, (r) => r.key)(loadRootKey({ env: env['KMS_ROOT_KEY'], keyFile: join(dataDir, ROOT_KEY_FILE) }));
