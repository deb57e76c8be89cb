// Just enough protobuf to take an ONNX model apart and put a new one together (no dependency for one use).

export interface Field {
  no: number;
  wire: number;
  /** Varint value (wire 0), or the bytes of a length-delimited field (wire 2), or the raw 4/8 bytes (wire 5/1). */
  value: bigint | Uint8Array;
}

function readVarint(buf: Uint8Array, at: { pos: number }): bigint {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    if (at.pos >= buf.length) throw new Error('truncated varint');
    const b = buf[at.pos++];
    result |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return result;
    shift += 7n;
    if (shift > 70n) throw new Error('varint too long');
  }
}

/** The top-level fields of one message, in order. */
export function readFields(buf: Uint8Array): Field[] {
  const out: Field[] = [];
  const at = { pos: 0 };
  while (at.pos < buf.length) {
    const key = Number(readVarint(buf, at));
    const no = key >>> 3;
    const wire = key & 7;
    if (wire === 0) out.push({ no, wire, value: readVarint(buf, at) });
    else if (wire === 2) {
      const len = Number(readVarint(buf, at));
      if (at.pos + len > buf.length) throw new Error('truncated field');
      out.push({ no, wire, value: buf.subarray(at.pos, at.pos + len) });
      at.pos += len;
    } else if (wire === 5 || wire === 1) {
      const len = wire === 5 ? 4 : 8;
      out.push({ no, wire, value: buf.subarray(at.pos, at.pos + len) });
      at.pos += len;
    } else throw new Error(`unsupported wire type ${wire}`);
  }
  return out;
}

function varint(v: bigint | number): number[] {
  let x = BigInt(v);
  if (x < 0n) x += 1n << 64n;
  const out: number[] = [];
  do {
    let b = Number(x & 0x7fn);
    x >>= 7n;
    if (x > 0n) b |= 0x80;
    out.push(b);
  } while (x > 0n);
  return out;
}

/** Builds a message field by field. */
export class Writer {
  private readonly parts: Uint8Array[] = [];

  int(no: number, v: number | bigint): this {
    this.parts.push(Uint8Array.from([...varint((no << 3) | 0), ...varint(v)]));
    return this;
  }

  bytes(no: number, data: Uint8Array): this {
    this.parts.push(Uint8Array.from([...varint((no << 3) | 2), ...varint(data.length)]), data);
    return this;
  }

  string(no: number, s: string): this {
    return this.bytes(no, new TextEncoder().encode(s));
  }

  message(no: number, w: Writer): this {
    return this.bytes(no, w.finish());
  }

  /** Copies a field read by readFields unchanged. */
  raw(f: Field): this {
    if (f.wire === 0) return this.int(f.no, f.value as bigint);
    if (f.wire === 2) return this.bytes(f.no, f.value as Uint8Array);
    this.parts.push(Uint8Array.from(varint((f.no << 3) | f.wire)), f.value as Uint8Array);
    return this;
  }

  finish(): Uint8Array {
    const total = this.parts.reduce((n, p) => n + p.length, 0);
    const out = new Uint8Array(total);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}

export function fieldString(f: Field): string {
  return new TextDecoder().decode(f.value as Uint8Array);
}
