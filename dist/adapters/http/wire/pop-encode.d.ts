export declare const popEncode: (s: string) => string;
