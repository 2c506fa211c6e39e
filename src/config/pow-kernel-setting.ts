/** POW_KERNEL: `auto` takes the fastest kernel built here, `native` refuses to start without it, `js` forces pure JS. */
export const POW_KERNEL_SETTINGS = ['auto', 'native', 'js'] as const;
export type PowKernelSetting = (typeof POW_KERNEL_SETTINGS)[number];
