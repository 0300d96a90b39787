// Creating and destroying token objects one at a time per process. Parallel C_GenerateKey(Pair)Async calls that
// create token objects made SoftHSM 2.6.1 (file object store) answer CKR_GENERAL_ERROR here
// (spec/adapters/crypto/pkcs11/concurrency.spec.ts); key generation is rare, so a queue costs nothing that
// matters. Cryptographic operations on existing objects stay parallel.
let tail = Promise.resolve();
export const serializeTokenWrite = (write) => {
    const run = tail.then(write, write);
    tail = run.catch(() => undefined);
    return run;
};
