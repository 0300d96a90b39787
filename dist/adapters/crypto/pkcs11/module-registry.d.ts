import pkcs11js from 'pkcs11js';
export declare const acquireModule: (modulePath: string) => pkcs11js.PKCS11;
export declare const releaseModule: (modulePath: string) => void;
