export declare const serializeTokenWrite: <T>(write: () => Promise<T>) => Promise<T>;
