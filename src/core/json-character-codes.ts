// Character codes of JSON's syntax, for the scanners that read JSON text without parsing it.
export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
