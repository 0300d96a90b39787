export { Pkcs11Executor } from "./executor.js";
export { Pkcs11Config, decodePkcs11Config, modulePathFromEnv, DEFAULT_MODULE_PATH } from "./config.js";
