// Byte streams for the sync encoding: unsigned and zig-zag varints (to 2^53, with arithmetic
// rather than 32-bit bitwise operators), length-prefixed UTF-8 strings.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class ByteWriter {
  private buffer = new Uint8Array(256);
  private length = 0;

  get size(): number {
    return this.length;
  }

  byte(value: number): void {
    if (this.length === this.buffer.length) {
      const grown = new Uint8Array(this.buffer.length * 2);
      grown.set(this.buffer);
      this.buffer = grown;
    }
    this.buffer[this.length] = value & 0xff;
    this.length += 1;
  }

  uint(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`Not a varint: ${value}`);
    let rest = value;
    while (rest >= 0x80) {
      this.byte((rest % 0x80) | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    this.byte(rest);
  }

  int(value: number): void {
    this.uint(value >= 0 ? value * 2 : -value * 2 - 1);
  }

  bytes(data: Uint8Array): void {
    for (const value of data) this.byte(value);
  }

  string(text: string): void {
    const data = encoder.encode(text);
    this.uint(data.length);
    this.bytes(data);
  }

  finish(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

export class ByteReader {
  private offset = 0;

  constructor(private readonly data: Uint8Array) {}

  get done(): boolean {
    return this.offset >= this.data.length;
  }

  byte(): number {
    if (this.offset >= this.data.length) throw new RangeError('Sync data ends early');
    const value = this.data[this.offset]!;
    this.offset += 1;
    return value;
  }

  uint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const next = this.byte();
      value += (next & 0x7f) * scale;
      if (next < 0x80) return value;
      scale *= 0x80;
      if (scale > 2 ** 56) throw new RangeError('Sync data holds a malformed number');
    }
  }

  int(): number {
    const raw = this.uint();
    return raw % 2 === 0 ? raw / 2 : -(raw + 1) / 2;
  }

  bytes(count: number): Uint8Array {
    if (this.offset + count > this.data.length) throw new RangeError('Sync data ends early');
    const out = this.data.subarray(this.offset, this.offset + count);
    this.offset += count;
    return out;
  }

  string(): string {
    return decoder.decode(this.bytes(this.uint()));
  }
}

// Base 85 text for binary data in a JSON string value (what storage.sync keeps): 4 bytes in 5
// characters, 25% over the bytes where base64 costs 33%. The ZeroMQ Z85 alphabet, with `<`, `>`
// and `&` swapped for `~`, `_` and `|`: Chromium's JSON writer, which measures the quota,
// escapes `<` to six bytes, and none of these characters needs escaping anywhere.
const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?|~_()[]{}@%$#';
const DIGIT = new Map([...ALPHABET].map((char, index) => [char, index]));

/** Text form of `data`: one character for how many padding bytes follow, then the groups. */
export function toBase85(data: Uint8Array): string {
  const padding = (4 - (data.length % 4)) % 4;
  const out: string[] = [String(padding)];
  for (let i = 0; i < data.length; i += 4) {
    let value = 0;
    for (let j = 0; j < 4; j += 1) value = value * 256 + (data[i + j] ?? 0);
    const group = new Array<string>(5);
    for (let k = 4; k >= 0; k -= 1) {
      group[k] = ALPHABET[value % 85]!;
      value = Math.floor(value / 85);
    }
    out.push(group.join(''));
  }
  return out.join('');
}

export function fromBase85(text: string): Uint8Array {
  const padding = Number(text[0]);
  const body = text.slice(1);
  if (!(padding >= 0 && padding <= 3) || body.length % 5 !== 0) throw new RangeError('Sync data is not base 85');
  const out = new Uint8Array((body.length / 5) * 4);
  for (let i = 0, o = 0; i < body.length; i += 5, o += 4) {
    let value = 0;
    for (let k = 0; k < 5; k += 1) {
      const digit = DIGIT.get(body[i + k]!);
      if (digit === undefined) throw new RangeError('Sync data is not base 85');
      value = value * 85 + digit;
    }
    for (let j = 3; j >= 0; j -= 1) {
      out[o + j] = value % 256;
      value = Math.floor(value / 256);
    }
  }
  return out.subarray(0, out.length - padding);
}
