/** Header that marks a transaction one node passes on to another, so it travels one hop and no further. */
export const FORWARDED_HEADER = 'x-blockchain-forwarded';
