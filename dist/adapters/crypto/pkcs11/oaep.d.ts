export declare const oaepDecode: (em: Buffer, hash: "sha256" | "sha1", label?: Buffer) => Buffer | null;
