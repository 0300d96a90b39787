import pkcs11js from 'pkcs11js';
type Handle = pkcs11js.Handle;
/**
 * Sessions of one token, each lent to one operation at a time: a session holds one active operation per kind
 * (CKR_OPERATION_ACTIVE otherwise, also while an *Async call is in flight; platform notes §1.4 pitfall 5).
 * Sessions open on demand up to `max`; callers beyond that wait in order.
 *
 * Login belongs to the process, per token, and ends when the process's last session on the token closes
 * (pitfall 3). An anchor session that is never lent keeps the login alive while operation sessions come and go
 * (a session is closed, not reused, when an operation fails in a way that may leave it active).
 */
export declare class SessionPool {
    private readonly p11;
    private readonly slot;
    private readonly pin;
    private readonly max;
    private readonly idle;
    private readonly waiters;
    private anchor;
    private lent;
    private closed;
    /** Bumped on every (re-)login: object handles found before it are invalid (pitfall 4). */
    generation: number;
    constructor(p11: pkcs11js.PKCS11, slot: Handle, pin: string, max: number);
    /** Opens the anchor session and logs the process in. Throws the Cryptoki error (e.g. CKR_PIN_INCORRECT). */
    start(): void;
    /** Logs in again after the token reported CKR_USER_NOT_LOGGED_IN; cached object handles become stale. */
    login(): void;
    isLoggedIn(): boolean;
    /**
     * After CKR_USER_NOT_LOGGED_IN or a stale handle: reopens the anchor if it was closed under us and logs in
     * again when the process is no longer logged in. Throws the Cryptoki error when that fails.
     */
    ensureLoggedIn(): void;
    get size(): number;
    acquire(): Promise<Handle>;
    release(session: Handle): void;
    /** Closes a session that may still carry an active operation; a waiter gets a fresh one. */
    discard(session: Handle): void;
    use<T>(op: (session: Handle) => T | Promise<T>): Promise<T>;
    close(): void;
    private openSession;
    private closeQuietly;
}
export {};
