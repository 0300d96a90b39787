export const appId = (four) => Buffer.from(four, 'ascii').readUInt32BE(0);
export const SCHEMAS = {
    vault: { what: 'vault', applicationId: appId('KLDV'), version: 1 },
    accessKeys: { what: 'access key store', applicationId: appId('KLDA'), version: 1 },
    readStore: { what: 'read store', applicationId: appId('KLDR'), version: 1 },
};
/** Thrown for a file written by a newer keyledger, or by something else: the message starts with its code. */
export class UnsupportedSchema extends Error {
    name = 'UnsupportedSchema';
}
export const readSchema = (db) => ({
    version: db.pragma('user_version', { simple: true }),
    applicationId: db.pragma('application_id', { simple: true }),
});
/** Refuses a newer or foreign file; stamps an unstamped (0.1.0) one. Call right after opening. */
export const checkSchema = (db, path, s) => {
    const { version, applicationId } = readSchema(db);
    if (applicationId !== 0 && applicationId !== s.applicationId)
        throw new UnsupportedSchema(`DataDir.ForeignFile: ${path} is not a keyledger ${s.what} (application_id ${applicationId})`);
    if (version > s.version)
        throw new UnsupportedSchema(`DataDir.TooNew: ${path} has ${s.what} schema version ${version}, newer than this keyledger knows (${s.version}): ` +
            'a newer keyledger wrote it. Run that version (or newer); this one never reads a format it does not know');
    if (version < s.version || applicationId === 0) {
        db.pragma(`application_id = ${s.applicationId}`);
        db.pragma(`user_version = ${s.version}`);
    }
};
