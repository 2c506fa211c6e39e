import { hash } from 'node:crypto';

/** SHA-256 as lowercase hex: the one-shot `crypto.hash`, a few times faster than a Hash object on short inputs. */
export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}
