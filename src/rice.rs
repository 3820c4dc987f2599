//! Golomb-Rice coding of sorted, distinct integer sets, and LEB128 varints.
//!
//! Hashes are uniform, so the gaps between sorted hashes are close to geometric, and a Rice
//! code (quotient in unary, `k` low bits in binary) stores each one within a few percent of
//! the entropy of the set: about `log2(U / n) + 1.5` bits per value for `n` values below `U`
//! — 3.2 bytes per 32-bit shingle hash of a 300-shingle article instead of 4 (raw) or 4.2
//! (LEB128 deltas).
//!
//! Layout: varint `n`; then, when `n > 0`, one byte `k` and the bit stream (least significant
//! bit first), padded to a byte.

/// A code that does not decode: truncated, or a parameter out of range.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("malformed integer code: {0}")]
pub struct CodeError(pub &'static str);

/// Appends `v` as an LEB128 varint.
pub fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads an LEB128 varint at `*pos`, advancing it.
pub fn get_varint(bytes: &[u8], pos: &mut usize) -> Result<u64, CodeError> {
    let mut v: u64 = 0;
    for shift in (0..64).step_by(7) {
        let b = *bytes
            .get(*pos)
            .ok_or(CodeError("varint runs past the end"))?;
        *pos += 1;
        v |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Ok(v);
        }
    }
    Err(CodeError("varint longer than 64 bits"))
}

/// The Rice parameter for `n` values spread over `[0, span)`: about `log2(mean gap · ln 2)`,
/// in integers only, so the bytes are the same on every machine.
fn parameter(span: u128, n: usize) -> u32 {
    let mean = span / n as u128;
    let scaled = (mean * 11 / 16).max(1);
    127 - scaled.leading_zeros()
}

struct BitWriter<'a> {
    out: &'a mut Vec<u8>,
    acc: u64,
    bits: u32,
}

impl BitWriter<'_> {
    /// Writes the low `n` bits of `v` (`n <= 32`).
    fn put(&mut self, v: u64, n: u32) {
        debug_assert!(n <= 32);
        let masked = if n == 0 {
            0
        } else {
            v & (u64::MAX >> (64 - n))
        };
        self.acc |= masked << self.bits;
        self.bits += n;
        if self.bits >= 32 {
            self.out.extend_from_slice(&(self.acc as u32).to_le_bytes());
            self.acc >>= 32;
            self.bits -= 32;
        }
    }

    fn put_wide(&mut self, v: u64, n: u32) {
        if n > 32 {
            self.put(v, 32);
            self.put(v >> 32, n - 32);
        } else {
            self.put(v, n);
        }
    }

    fn unary(&mut self, mut q: u64) {
        while q >= 32 {
            self.put(u64::from(u32::MAX), 32);
            q -= 32;
        }
        self.put((1u64 << q) - 1, q as u32 + 1);
    }

    fn finish(mut self) {
        while self.bits > 0 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.bits = self.bits.saturating_sub(8);
        }
    }
}

/// Appends the sorted, distinct `values`.
pub fn encode(values: &[u64], out: &mut Vec<u8>) {
    put_varint(out, values.len() as u64);
    let Some(&last) = values.last() else {
        return;
    };
    let k = parameter(u128::from(last) + 1, values.len());
    out.push(k as u8);
    let mut w = BitWriter {
        out,
        acc: 0,
        bits: 0,
    };
    let mut next = 0u64; // the smallest value the next one may take
    for &v in values {
        debug_assert!(v >= next, "values must be sorted and distinct");
        let gap = v - next;
        w.unary(gap >> k);
        w.put_wide(gap, k);
        next = v.wrapping_add(1);
    }
    w.finish();
}

struct BitReader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl BitReader<'_> {
    /// The next 64 bits (zeros past the end), without consuming them.
    fn peek(&self) -> u64 {
        let byte = self.pos / 8;
        if let Some(chunk) = self.bytes.get(byte..byte + 16) {
            let mut buf = [0u8; 16];
            buf.copy_from_slice(chunk);
            return (u128::from_le_bytes(buf) >> (self.pos % 8)) as u64;
        }
        let mut buf = [0u8; 16];
        if byte < self.bytes.len() {
            let end = (byte + 9).min(self.bytes.len());
            buf[..end - byte].copy_from_slice(&self.bytes[byte..end]);
        }
        (u128::from_le_bytes(buf) >> (self.pos % 8)) as u64
    }

    fn advance(&mut self, n: usize) -> Result<(), CodeError> {
        self.pos += n;
        if self.pos > self.bytes.len() * 8 {
            return Err(CodeError("bit stream runs past the end"));
        }
        Ok(())
    }

    fn unary(&mut self) -> Result<u64, CodeError> {
        let mut q = 0u64;
        loop {
            let ones = self.peek().trailing_ones();
            if ones < 64 {
                self.advance(ones as usize + 1)?;
                return Ok(q + u64::from(ones));
            }
            self.advance(64)?;
            q += 64;
        }
    }

    fn bits(&mut self, n: u32) -> Result<u64, CodeError> {
        if n == 0 {
            return Ok(0);
        }
        let v = self.peek() & (u64::MAX >> (64 - n));
        self.advance(n as usize)?;
        Ok(v)
    }
}

/// Reads a set written by [`encode`] from the start of `bytes`; returns it and the bytes used.
pub fn decode(bytes: &[u8]) -> Result<(Vec<u64>, usize), CodeError> {
    let mut pos = 0;
    let n = get_varint(bytes, &mut pos)?;
    if n == 0 {
        return Ok((Vec::new(), pos));
    }
    // Each value takes at least one bit: a count beyond that is corruption, not a reason to
    // allocate.
    if n > (bytes.len() as u64).saturating_mul(8) {
        return Err(CodeError("count exceeds the bits present"));
    }
    let k = u32::from(*bytes.get(pos).ok_or(CodeError("missing parameter"))?);
    if k > 63 {
        return Err(CodeError("parameter over 63"));
    }
    pos += 1;
    let mut r = BitReader {
        bytes: &bytes[pos..],
        pos: 0,
    };
    let mut values = Vec::with_capacity(n as usize);
    let mut next = 0u64;
    for _ in 0..n {
        let q = r.unary()?;
        let low = r.bits(k)?;
        let gap = q
            .checked_mul(1u64 << k)
            .and_then(|h| h.checked_add(low))
            .ok_or(CodeError("gap overflows 64 bits"))?;
        let v = next
            .checked_add(gap)
            .ok_or(CodeError("value overflows 64 bits"))?;
        values.push(v);
        next = v.wrapping_add(1);
    }
    Ok((values, pos + r.pos.div_ceil(8)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn empty_and_extreme_sets_round_trip() {
        for set in [
            vec![],
            vec![0],
            vec![u64::MAX],
            vec![0, 1, 2, 3],
            vec![0, u64::MAX],
            vec![5, 1 << 40, u64::MAX - 1, u64::MAX],
        ] {
            let mut bytes = Vec::new();
            encode(&set, &mut bytes);
            assert_eq!(
                decode(&bytes).unwrap(),
                (set.clone(), bytes.len()),
                "{set:?}"
            );
        }
    }

    #[test]
    fn truncated_codes_are_errors_not_panics() {
        let set: Vec<u64> = (0..100u64).map(|i| i * 1_000_003).collect();
        let mut bytes = Vec::new();
        encode(&set, &mut bytes);
        for cut in 0..bytes.len() {
            assert!(decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn uniform_32_bit_hashes_cost_about_25_bits_each() {
        let mut set: Vec<u64> = (0..300u64)
            .map(|i| xxhash_rust::xxh3::xxh3_64(&i.to_le_bytes()) >> 32)
            .collect();
        set.sort_unstable();
        set.dedup();
        let mut bytes = Vec::new();
        encode(&set, &mut bytes);
        let bits = bytes.len() as f64 * 8.0 / set.len() as f64;
        assert!(bits < 26.5, "{bits} bits per value");
    }

    proptest! {
        #[test]
        fn any_sorted_set_round_trips(mut set in proptest::collection::vec(any::<u64>(), 0..200),
                                      shift in 0u32..64) {
            for v in &mut set { *v >>= shift; }
            set.sort_unstable();
            set.dedup();
            let mut bytes = vec![0xAB];
            encode(&set, &mut bytes);
            let (back, used) = decode(&bytes[1..]).unwrap();
            prop_assert_eq!(back, set);
            prop_assert_eq!(used, bytes.len() - 1);
        }

        #[test]
        fn varints_round_trip(v in any::<u64>()) {
            let mut bytes = Vec::new();
            put_varint(&mut bytes, v);
            let mut pos = 0;
            prop_assert_eq!(get_varint(&bytes, &mut pos).unwrap(), v);
            prop_assert_eq!(pos, bytes.len());
        }
    }
}
