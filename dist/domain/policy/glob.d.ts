export declare const globMatches: (pattern: string, text: string, options?: {
    readonly ignoreCase?: boolean;
}) => boolean;
