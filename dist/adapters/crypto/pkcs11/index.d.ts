export { Pkcs11Executor } from './executor.ts';
export { Pkcs11Config, decodePkcs11Config, modulePathFromEnv, DEFAULT_MODULE_PATH } from './config.ts';
